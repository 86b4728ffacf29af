import { describe, expect, it } from 'vitest';
import { judge, medianInterval, type Probe, pairedColdStarts } from '../../../bench/init.js';

const probe = (name: string): Probe => ({
  function: name,
  entry: `${name}.mjs`,
  handlerName: 'handler',
  environment: {},
  event: {},
});

describe('pairedColdStarts', () => {
  it('takes each sample next to a baseline sample, alternating which goes first, and keeps each pair’s ratio', async () => {
    const order: string[] = [];
    // The machine slows down as the run goes on: each measurement takes longer than the one before.
    let clock = 100;
    const measure = async (p: Probe) => {
      order.push(p.function);
      clock += 10;
      // Init is half of each cold start; the function's first request is the only part that differs.
      return p.function === 'baseline'
        ? { initMs: clock / 2, ms: clock }
        : { initMs: clock / 2, ms: clock * 1.2 };
    };
    const paired = await pairedColdStarts(probe('baseline'), [probe('a'), probe('b')], 3, {
      measure,
      load: () => 0.1,
    });
    expect(order).toEqual([
      'baseline',
      'a',
      'baseline',
      'b',
      'a',
      'baseline',
      'b',
      'baseline',
      'baseline',
      'a',
      'baseline',
      'b',
    ]);
    // The drift favours whichever goes first, one round one side, the next round the other: the
    // ratios fall on both sides of the true 1.2, where the median finds it.
    const [r0 = 0, r1 = 0, r2 = 0] = paired.functions.get('a')?.coldStart.ratios ?? [];
    expect(r0).toBeGreaterThan(1.2);
    expect(r1).toBeLessThan(1.2);
    expect(r2).toBeGreaterThan(1.2);
    expect(paired.functions.get('b')?.coldStart.ratios).toHaveLength(3);
    // Each pair's init ratio is its own: here the function's init drifts as the baseline's does.
    const inits = paired.functions.get('a')?.init.ratios ?? [];
    expect(inits).toHaveLength(3);
    expect(inits[0]).toBeGreaterThan(1);
    expect(inits[1]).toBeLessThan(1);
    expect(paired.baseline.initMs).toBeLessThan(paired.baseline.coldStartMs);
    expect(paired.load).toEqual({ before: 0.1, duringMax: 0.1 });
  });

  it('reports the highest load seen between rounds', async () => {
    const loads = [0.2, 0.9, 0.4];
    const paired = await pairedColdStarts(probe('baseline'), [probe('a')], 2, {
      measure: async () => ({ initMs: 50, ms: 100 }),
      load: () => loads.shift() ?? 0,
    });
    expect(paired.load).toEqual({ before: 0.2, duringMax: 0.9 });
    const quietAfter = [1.5, 0.3, 0.4];
    const settled = await pairedColdStarts(probe('baseline'), [probe('a')], 2, {
      measure: async () => ({ initMs: 50, ms: 100 }),
      load: () => quietAfter.shift() ?? 0,
    });
    // A busy start (the bench's own synth) is reported, not held against the rounds.
    expect(settled.load).toEqual({ before: 1.5, duringMax: 0.4 });
  });
});

describe('medianInterval', () => {
  it('takes the order statistics with at least 95 % coverage: all of 7 samples, the 2nd to 8th of 9', () => {
    expect(medianInterval([1.3, 1.1, 1.0, 1.2, 1.05, 1.15, 1.25])).toEqual({
      low: 1.0,
      median: 1.15,
      high: 1.3,
    });
    expect(medianInterval([9, 1, 8, 2, 7, 3, 6, 4, 5])).toEqual({ low: 2, median: 5, high: 8 });
  });

  it('narrows as samples grow: 20 samples exclude the 5 most extreme on each side', () => {
    const samples = Array.from({ length: 20 }, (_, index) => index + 1);
    expect(medianInterval(samples)).toEqual({ low: 6, median: 10, high: 15 });
  });
});

describe('judge', () => {
  it('passes an interval under the budget, fails one over it, and calls one across it undecided', () => {
    expect(judge({ low: 1.0, high: 1.15 }, 1.2)).toBe('pass');
    expect(judge({ low: 1.25, high: 1.4 }, 1.2)).toBe('fail');
    expect(judge({ low: 1.1, high: 1.3 }, 1.2)).toBe('undecided');
  });
});
