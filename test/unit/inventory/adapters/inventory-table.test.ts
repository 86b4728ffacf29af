import { describe, expect, it } from 'vitest';
import {
  HOLD_PARTITIONS,
  HOLD_SHARDS,
  holdPartition,
} from '../../../../functions/inventory/adapters/inventory-table.js';

describe('holdPartition', () => {
  it('puts an order’s hold in the same one of the shards every time', () => {
    expect(holdPartition('order-1')).toBe(holdPartition('order-1'));
    expect(HOLD_PARTITIONS).toContain(holdPartition('order-1'));
    expect(HOLD_PARTITIONS).toHaveLength(HOLD_SHARDS);
  });

  it('spreads orders about evenly over the shards', () => {
    const counts = new Map<string, number>();
    for (let n = 0; n < 8000; n++) {
      const partition = holdPartition(`${n.toString(16).padStart(8, '0')}-4000-8000-0000-000000000000`);
      counts.set(partition, (counts.get(partition) ?? 0) + 1);
    }
    expect(counts.size).toBe(HOLD_SHARDS);
    for (const count of counts.values()) expect(count).toBeGreaterThan(700);
  });
});
