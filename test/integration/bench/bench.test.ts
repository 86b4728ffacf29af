import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CATALOG_QUERIES, catalogBench } from '../../../bench/catalog.js';
import { coldStart, pairedColdStarts } from '../../../bench/init.js';
import { middlewareOverhead } from '../../../bench/overhead.js';
import { median, percentile } from '../../../bench/stats.js';
import { scaled } from '../../support/time-scale.js';

describe('the benchmark code (smoke run; the figures come from npm run bench)', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(median(samples)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([3, 1, 2], 100)).toBe(3);
  });

  it('times a cold start in a fresh process: its init when the module is loaded, then its first invocation against DynamoDB', async () => {
    const probe = {
      function: 'baseline',
      entry: join(import.meta.dirname, '..', '..', '..', 'bench', 'baseline-handler.mjs'),
      handlerName: 'handler',
      environment: {
        AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbEndpoint'),
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        BASELINE_TABLE: 'no-such-table',
      },
      event: {},
    };
    const once = await coldStart(probe);
    expect(once.initMs).toBeGreaterThan(0);
    // The invocation sends a GetItem to DynamoDB: it ends after the module was loaded.
    expect(once.ms).toBeGreaterThan(once.initMs);
    const paired = await pairedColdStarts(probe, [{ ...probe, function: 'again' }], 2);
    expect([...paired.functions.keys()]).toEqual(['again']);
    expect(paired.functions.get('again')?.init.ratios).toHaveLength(2);
    expect(paired.functions.get('again')?.coldStart.ratios).toHaveLength(2);
    expect(paired.baseline.coldStartMs).toBeGreaterThan(paired.baseline.initMs);
  });

  it('measures the middleware’s cost per invocation against a bare handler', async () => {
    const overhead = await middlewareOverhead(200);
    expect(Number.isFinite(overhead.middlewareP50Ms)).toBe(true);
    expect(Number.isFinite(overhead.middlewareP99Ms)).toBe(true);
  });

  it(
    'loads a generated catalog and times its searches, counting their read units',
    async () => {
      const figures = await catalogBench({ products: 300, rounds: 1 });
      expect(figures).toMatchObject({ products: 300, searches: CATALOG_QUERIES.length });
      const lamp = figures.queries.find((query) => query.query === 'q=lamp');
      expect(lamp?.found).toBeGreaterThan(0);
      // Every search reads its words' items at least; a listing page of 20 is one Query.
      expect(figures.queries.every((query) => query.readUnits > 0)).toBe(true);
      expect(figures.listingReadUnitsPerPage).toBeGreaterThan(0);
    },
    scaled(120_000),
  );
});
