import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
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
 * One cold start, in milliseconds since its process began: `initMs` when the
 * handler's module was loaded (Lambda's Init Duration: what top-level work
 * costs), `ms` when its first invocation answered (init and the first
 * request's own work, calls to other services included).
 */
export interface ColdStart {
  readonly initMs: number;
  readonly ms: number;
}

/**
 * One cold start: a fresh process loads the module and serves one
 * invocation. Asynchronous, so that a local cloud in this process can answer
 * the calls the function makes meanwhile.
 */
export const coldStart = (probe: Probe): Promise<ColdStart> =>
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
        const { initMs, ms } = JSON.parse(last) as ColdStart;
        resolve({ initMs, ms });
      } catch {
        reject(new Error(`The probe of ${probe.function} printed no timing: ${stderr.slice(0, 500)}`));
      }
    });
  });

/**
 * The order statistics around a median with at least `confidence` coverage
 * (distribution-free: the number of samples below the true median is
 * Binomial(n, ½)). With 7 samples the 95 % interval is the lowest to the
 * highest (98 %); with 9, the second to the eighth (96 %).
 */
export const medianInterval = (
  samples: readonly number[],
  confidence = 0.95,
): { low: number; median: number; high: number } => {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { low: Number.NaN, median: Number.NaN, high: Number.NaN };
  // P(X < k) for X ~ Binomial(n, ½): the chance the k-th smallest sample lies above the median.
  const below = (k: number) => {
    let sum = 0;
    let choose = 1;
    for (let i = 0; i < k; i++) {
      sum += choose;
      choose = (choose * (n - i)) / (i + 1);
    }
    return sum / 2 ** n;
  };
  let k = 1;
  while (k + 1 <= Math.floor((n + 1) / 2) && 2 * below(k + 1) <= 1 - confidence) k++;
  return { low: sorted[k - 1] ?? Number.NaN, median: median(sorted), high: sorted[n - k] ?? Number.NaN };
};

/** Whether a figure meets its budget, judged on its interval: inside it either way is too close to call. */
export type Verdict = 'pass' | 'fail' | 'undecided';

export const judge = ({ low, high }: { low: number; high: number }, budget: number): Verdict =>
  high <= budget ? 'pass' : low > budget ? 'fail' : 'undecided';

/** The machine's load: the 1-minute load average per core. */
export const loadPerCore = (): number => (loadavg()[0] ?? 0) / Math.max(1, cpus().length);

/**
 * Load per core above which a run's timings are not to be trusted. The
 * measurement itself reads 0.9–1.2 here (a probe process at a time, this
 * process serving it, DynamoDB Local's JVM); another CPU-bound process adds a
 * whole core's worth.
 */
export const NOISY_LOAD_PER_CORE = 1.5;

/** Whether the load during a measurement was too high to judge its figures. */
export const tooNoisy = (load: { readonly duringMax: number }): boolean =>
  load.duringMax > NOISY_LOAD_PER_CORE;

/** One figure of a function's cold starts: its median, and its ratios to the baseline run next to it, one per pair. */
export interface PairedFigure {
  readonly medianMs: number;
  readonly ratios: readonly number[];
}

export interface PairedColdStarts {
  /** Per function: its init, and its whole cold start (init and the first request). */
  readonly functions: ReadonlyMap<string, { readonly init: PairedFigure; readonly coldStart: PairedFigure }>;
  /** The baseline's medians, of its init and of its whole cold start. */
  readonly baseline: { readonly initMs: number; readonly coldStartMs: number };
  /** Load per core before the measurement, and the most seen between its rounds. */
  readonly load: { readonly before: number; readonly duringMax: number };
}

/**
 * Cold starts in pairs: each sample of a function is taken next to a sample
 * of the baseline, and the ratio is that pair's, so a machine that slows
 * down or speeds up mid-run moves both alike. Which goes first alternates
 * from round to round, so neither gains from what the other warmed. The
 * rounds go over every function in turn, after `warmUpRounds` unmeasured
 * ones: a probe measures its own cold start, but its first invocation may
 * call other functions (a contract read), which in the cloud are warm
 * functions serving every caller, while locally the first round would catch
 * them, and DynamoDB Local, still cold.
 */
export const pairedColdStarts = async (
  baseline: Probe,
  probes: readonly Probe[],
  pairs: number,
  { warmUpRounds = 0, measure = coldStart, load = loadPerCore } = {},
): Promise<PairedColdStarts> => {
  // Before: what the machine carried as the measurement began (the bench's own start-up included);
  // during: the most seen between rounds, which is what the verdicts depend on.
  const before = load();
  let duringMax = 0;
  for (let round = 0; round < warmUpRounds; round++) for (const probe of probes) await measure(probe);
  const figure = () => ({ times: [] as number[], ratios: [] as number[] });
  const samples = new Map(probes.map((probe) => [probe.function, { init: figure(), coldStart: figure() }]));
  const baselineTimes = { init: [] as number[], coldStart: [] as number[] };
  for (let round = 0; round < pairs; round++) {
    for (const probe of probes) {
      const baselineFirst = round % 2 === 0;
      const first = await measure(baselineFirst ? baseline : probe);
      const second = await measure(baselineFirst ? probe : baseline);
      const [base, fn] = baselineFirst ? [first, second] : [second, first];
      baselineTimes.init.push(base.initMs);
      baselineTimes.coldStart.push(base.ms);
      const entry = samples.get(probe.function);
      entry?.init.times.push(fn.initMs);
      entry?.init.ratios.push(fn.initMs / base.initMs);
      entry?.coldStart.times.push(fn.ms);
      entry?.coldStart.ratios.push(fn.ms / base.ms);
    }
    duringMax = Math.max(duringMax, load());
  }
  const paired = ({ times, ratios }: { times: number[]; ratios: number[] }): PairedFigure => ({
    medianMs: round(median(times), 1),
    ratios,
  });
  return {
    functions: new Map(
      [...samples].map(([name, { init, coldStart }]) => [
        name,
        { init: paired(init), coldStart: paired(coldStart) },
      ]),
    ),
    baseline: {
      initMs: round(median(baselineTimes.init), 1),
      coldStartMs: round(median(baselineTimes.coldStart), 1),
    },
    load: { before: round(before), duringMax: round(duringMax) },
  };
};
