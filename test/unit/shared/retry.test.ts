import { describe, expect, it } from 'vitest';
import { jitteredDelay, retrying } from '../../../functions/shared/retry.js';

class Busy extends Error {}

describe('retrying', () => {
  it('tries again a failure it may retry, up to the bound, and throws the last one', async () => {
    let calls = 0;
    await expect(
      retrying(
        async () => {
          calls++;
          throw new Busy();
        },
        { attempts: 3, retryable: (error) => error instanceof Busy },
      ),
    ).rejects.toBeInstanceOf(Busy);
    expect(calls).toBe(3);
  });

  it('throws at once a failure it may not retry', async () => {
    let calls = 0;
    const failure = new Error('bad input');
    await expect(
      retrying(
        async () => {
          calls++;
          throw failure;
        },
        { attempts: 5, retryable: (error) => error instanceof Busy },
      ),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('returns the first success, waiting a jittered, growing, capped delay between attempts', async () => {
    const waits: number[] = [];
    const answer = await retrying(
      async (attempt) => {
        if (attempt < 4) throw new Busy();
        return attempt;
      },
      {
        attempts: 6,
        retryable: () => true,
        backoff: { baseMs: 10, maxMs: 30 },
        sleep: async (ms) => {
          waits.push(ms);
        },
        random: () => 0.999,
      },
    );
    expect(answer).toBe(4);
    expect(waits).toEqual([19, 29, 29]);
  });

  it('waits nothing before the first attempt', () => {
    expect(jitteredDelay(1, { baseMs: 1000 }, () => 0.999)).toBe(0);
    expect(jitteredDelay(2, { baseMs: 1000 }, () => 0.5)).toBe(1000);
  });
});
