import { describe, expect, it } from 'vitest';
import { interleaveBaseline, type Probe } from '../../../bench/init.js';

const probe = (name: string): Probe => ({
  function: name,
  entry: `${name}.mjs`,
  handlerName: 'handler',
  environment: {},
  event: {},
});

describe('interleaveBaseline', () => {
  it('samples the baseline before every few functions, throughout the round', () => {
    const round = interleaveBaseline(probe('baseline'), ['a', 'b', 'c', 'd', 'e'].map(probe), 2);
    expect(round.map((entry) => entry.function)).toEqual([
      'baseline',
      'a',
      'b',
      'baseline',
      'c',
      'd',
      'baseline',
      'e',
    ]);
  });

  it('still measures the baseline when no function is probed', () => {
    expect(interleaveBaseline(probe('baseline'), [], 8).map((entry) => entry.function)).toEqual(['baseline']);
  });
});
