import { describe, expect, it } from 'vitest';
import { orderLines } from '../../../bench/load.js';

describe('orderLines', () => {
  it('gives each order its lines of distinct skus, taken in turn from the order’s own', () => {
    const skus = ['A', 'B', 'C'];
    expect(orderLines(skus, 0, 1)).toEqual([{ sku: 'A', quantity: 1 }]);
    expect(orderLines(skus, 2, 2)).toEqual([
      { sku: 'C', quantity: 1 },
      { sku: 'A', quantity: 1 },
    ]);
    expect(orderLines(skus, 1, 5).map((line) => line.sku)).toEqual(['B', 'C', 'A']);
  });
});
