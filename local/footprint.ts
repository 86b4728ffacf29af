import { readFileSync } from 'node:fs';

/**
 * What the local cloud costs the machine: CPU time and resident memory of
 * this process (the gateway, the local services and every function's worker
 * thread) and of DynamoDB Local's Java process. The Java figures come from
 * Linux's /proc; elsewhere they are absent.
 */
export interface Footprint {
  /** CPU time used so far, ms. */
  readonly cpuMs: number;
  readonly rssMiB: number;
  readonly dynamoDb?: { readonly cpuMs: number; readonly rssMiB: number };
}

const proc = (pid: number, file: string): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
};

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's CPU times, is 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

const processFootprint = (pid: number): Footprint['dynamoDb'] => {
  // stat: utime and stime (every thread's) are fields 14 and 15, after the parenthesised command name.
  const fields = proc(pid, 'stat')?.split(') ')[1]?.split(' ');
  const rssKb = /VmRSS:\s+(\d+)/.exec(proc(pid, 'status') ?? '')?.[1];
  if (fields === undefined || rssKb === undefined) return undefined;
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, rssMiB: Math.round(Number(rssKb) / 1024) };
};

export const footprint = (dynamoDbPid?: number): Footprint => {
  const { user, system } = process.cpuUsage();
  const dynamoDb = dynamoDbPid === undefined ? undefined : processFootprint(dynamoDbPid);
  return {
    cpuMs: (user + system) / 1000,
    rssMiB: Math.round(process.memoryUsage().rss / 1024 / 1024),
    ...(dynamoDb ? { dynamoDb } : {}),
  };
};

/** CPU used between two footprints, as a percentage of one core over `elapsedMs`. */
export const cpuPercent = (before: Footprint, after: Footprint, elapsedMs: number) => {
  const share = (ms: number) => (100 * ms) / elapsedMs;
  const shop = share(after.cpuMs - before.cpuMs);
  const dynamoDb =
    before.dynamoDb && after.dynamoDb ? share(after.dynamoDb.cpuMs - before.dynamoDb.cpuMs) : undefined;
  return { shop, ...(dynamoDb === undefined ? {} : { dynamoDb }), total: shop + (dynamoDb ?? 0) };
};

/** `930 MiB + DynamoDB Local 380 MiB` */
export const describeMemory = (now: Footprint): string =>
  `${now.rssMiB} MiB${now.dynamoDb ? ` + DynamoDB Local ${now.dynamoDb.rssMiB} MiB` : ''}`;
