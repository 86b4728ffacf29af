/**
 * The shop's one way of trying again: a bounded number of attempts, with
 * exponential backoff and full jitter between them when a delay is asked for.
 */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface Backoff {
  /** The delay before the second attempt is at most this; it doubles with each attempt after. */
  readonly baseMs: number;
  /** No delay is longer than this. */
  readonly maxMs?: number;
}

/** Full jitter: a random delay up to `base · 2^(attempt-1)`, capped; none before the first attempt. */
export const jitteredDelay = (
  attempt: number,
  { baseMs, maxMs = Number.POSITIVE_INFINITY }: Backoff,
  random = Math.random,
) => (attempt <= 1 ? 0 : Math.floor(random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1))));

export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Whether a failure may be tried again; anything else is thrown at once. */
  readonly retryable: (error: unknown) => boolean;
  /** Wait between attempts; none when absent (a fresh read is the remedy, not time). */
  readonly backoff?: Backoff;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/**
 * Runs `run` until it succeeds, fails with an error `retryable` refuses, or
 * has been tried `attempts` times; the last failure is thrown.
 */
export const retrying = async <T>(
  run: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> => {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    if (options.backoff && attempt > 1) await wait(jitteredDelay(attempt, options.backoff, options.random));
    try {
      return await run(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.retryable(error)) throw error;
    }
  }
};
