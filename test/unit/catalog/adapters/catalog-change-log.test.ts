import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRanges } from '../../../../functions/catalog/adapters/catalog-change-log.js';
import { browseKey } from '../../../../functions/catalog/domain/search.js';

const inRange = (key: string, [from, to]: [string, string]) => from <= key && key <= to;

describe('the ranges an index loads the listing in', () => {
  it('hold every key of the listing exactly once, whatever the creation times', () => {
    const time = fc
      .integer({ min: Date.parse('2020-01-01T00:00:00.000Z'), max: Date.parse('2030-01-01T00:00:00.000Z') })
      .map((ms) => new Date(ms).toISOString());
    fc.assert(
      fc.property(
        fc.array(fc.record({ createdAt: time, sku: fc.stringMatching(/^[A-Z0-9-]{1,12}$/) }), {
          minLength: 1,
        }),
        fc.integer({ min: 1, max: 8 }),
        (products, count) => {
          const times = products.map(({ createdAt }) => createdAt).sort();
          const ranges = loadRanges(times[0] ?? '', times.at(-1) ?? '', count);
          for (const { createdAt, sku } of products) {
            const key = browseKey('newest', {
              sku,
              createdAt,
              category: 'c',
              price: 1,
              inStock: true,
              nameKey: 'n',
            });
            expect(ranges.filter((range) => inRange(key, range))).toHaveLength(1);
          }
        },
      ),
    );
  });

  it('are as many as asked when the times spread, one when they do not', () => {
    expect(loadRanges('2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z', 4)).toEqual([
      [' ', '2026-01-02T00:00:00.000Z'],
      ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
      ['2026-01-03T00:00:00.000Z', '2026-01-04T00:00:00.000Z'],
      ['2026-01-04T00:00:00.000Z', '~'],
    ]);
    expect(loadRanges('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 4)).toEqual([[' ', '~']]);
  });
});
