import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { median, round } from './stats.js';

export interface Probe {
  readonly function: string;
  readonly entry: string;
  readonly handlerName: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly event: unknown;
}

const PROBE = join(import.meta.dirname, 'init-probe.mjs');

/**
 * One cold start: a fresh process loads the module and serves one
 * invocation. Asynchronous, so that a local cloud in this process can answer
 * the calls the function makes meanwhile.
 */
export const coldStartMs = (probe: Probe): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [PROBE, probe.entry, probe.handlerName, JSON.stringify(probe.event)],
      {
        env: { ...process.env, ...probe.environment },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 30_000,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', () => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve((JSON.parse(last) as { ms: number }).ms);
      } catch {
        reject(new Error(`The probe of ${probe.function} printed no timing: ${stderr.slice(0, 500)}`));
      }
    });
  });

/**
 * The median of `runs` cold starts of each probe, by probe name. The runs go
 * round-robin (every probe once, then again), so what warms up or slows down
 * meanwhile — DynamoDB Local's JVM, the disk cache, a busy machine — falls on
 * every probe alike instead of on whichever is measured first.
 *
 * `warmUpRounds` unmeasured rounds go first. A probe measures its own cold
 * start, but its first invocation may call other functions (a contract read):
 * in the cloud those are warm functions serving every caller, while locally
 * the first rounds would catch them, and DynamoDB Local, still cold.
 */
export const medianColdStarts = async (
  probes: readonly Probe[],
  runs: number,
  warmUpRounds = 0,
): Promise<Map<string, number>> => {
  for (let round = 0; round < warmUpRounds; round++) for (const probe of probes) await coldStartMs(probe);
  const samples = new Map(probes.map((probe) => [probe.function, [] as number[]]));
  for (let run = 0; run < runs; run++)
    for (const probe of probes) samples.get(probe.function)?.push(await coldStartMs(probe));
  return new Map([...samples].map(([name, times]) => [name, round(median(times), 1)]));
};

/**
 * One round of probes with the baseline before every `every` functions: the
 * baseline is sampled throughout the round, as the machine's load drifts,
 * not only at its start (five samples of it swung the ratios by ±20 % from
 * run to run).
 */
export const interleaveBaseline = (baseline: Probe, probes: readonly Probe[], every: number): Probe[] =>
  probes.length === 0
    ? [baseline]
    : probes.flatMap((probe, index) => (index % every === 0 ? [baseline, probe] : [probe]));
