import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CatalogTable } from '../functions/catalog/adapters/catalog-table.js';
import {
  categoryItem,
  dynamoCategoryStore,
  dynamoProductStore,
  productItems,
} from '../functions/catalog/adapters/dynamodb-catalog-store.js';
import { productQuery } from '../functions/catalog/contracts/schemas.js';
import { newProduct } from '../functions/catalog/domain/product.js';
import { listProducts } from '../functions/catalog/use-cases/list-products.js';
import { money } from '../functions/shared/money.js';
import { hmacCursors } from '../functions/shared/pagination.js';
import { localCredentials } from '../local/aws-clients.js';
import { startCapacityMeter } from '../local/dynamodb/capacity-meter.js';
import { startDynamoDbLocal } from '../local/dynamodb/dynamodb-local.js';
import { percentile, round } from './stats.js';

/**
 * The catalog case of the bench: `products` generated products loaded into a
 * catalog table of its own (DynamoDB Local, the catalog's table design)
 * exactly as the catalog's writes lay them out (the product and its listing
 * items), then searched with the catalog's own use case and DynamoDB store,
 * through a capacity meter that counts the read units each search costs.
 * Search keeps its index in memory (functions/catalog/adapters/catalog-change-log.ts):
 * the first search of a container loads it, measured on its own; each round
 * of searches then follows a product's stock change, so every round's first
 * search reads a change. The latency is the use case's against DynamoDB
 * Local: the API Gateway and Lambda hop of a real request is not in it.
 */

/** Categories of the bench's own (none of the demo catalog's ids). */
const CATEGORIES = [
  'garden',
  'kitchen',
  'office',
  'outdoor',
  'audio',
  'lighting',
  'toys',
  'tools',
  'bath',
  'stationery',
];
const ADJECTIVES =
  'blue red green black white silver golden wooden steel compact portable wireless quiet heavy light vintage modern classic rugged soft'.split(
    ' ',
  );
const NOUNS =
  'lamp chair table kettle speaker headphones backpack tent bottle knife pan grinder keyboard mouse charger cable notebook pen clock mirror'.split(
    ' ',
  );
/** The description words shoppers know, the most common first. */
const COMMON_WORDS =
  'durable handmade recycled waterproof ergonomic adjustable foldable rechargeable stainless ceramic cotton leather bamboo aluminium glass oak walnut linen matte glossy warm cool bright dim fast slow large small tall short round square travel home studio camping daily gift premium budget professional beginner'.split(
    ' ',
  );
const SYLLABLES = ['ka', 'lo', 'mi', 're', 'su', 'ta', 'vi', 'no', 'pe', 'du'];
/** A vocabulary of 500 words: the common ones, then made-up words as rare as a catalog's long tail. */
const VOCABULARY = [
  ...COMMON_WORDS,
  ...Array.from(
    { length: 500 - COMMON_WORDS.length },
    (_, index) =>
      `${SYLLABLES[index % 10]}${SYLLABLES[Math.floor(index / 10) % 10]}${SYLLABLES[Math.floor(index / 100) % 10]}`,
  ),
];
/** Word ranks drawn as a catalog's words are: a few common, most rare (Zipf, flattened at the top). */
const ZIPF = (() => {
  const weights = VOCABULARY.map((_, rank) => 1 / (rank + 11));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let running = 0;
  return weights.map((weight) => {
    running += weight / total;
    return running;
  });
})();

/** A small deterministic generator, so that two runs search the same catalog. */
const generator = (seed: number) => {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    // The high bits: an LCG's low bits repeat with short periods.
    return Math.floor((state / 2 ** 32) * below);
  };
};

const pick = <T>(next: (below: number) => number, from: readonly T[]): T => from[next(from.length)] as T;

/**
 * The searches timed, as a shopper would type them: a product's kind, a
 * prefix, a category's name, the most common description word and rarer
 * ones, with filters and sorts.
 */
export const CATALOG_QUERIES = [
  'q=lamp',
  'q=blue%20lamp',
  'q=wireless%20head',
  'q=stainless%20kettle&sort=price',
  'q=garden&inStock=true',
  'q=durable',
  'q=ergonomic%20chair&maxPrice=20000',
  'q=porta',
  'q=kamilo',
  'q=oak%20table&category=office&sort=-price',
];

export interface CatalogFigures {
  readonly products: number;
  readonly loadSeconds: number;
  readonly searches: number;
  readonly searchP50Ms: number;
  readonly searchP99Ms: number;
  /** The catalog table's read units per search, on average, the catalog changing once a round. */
  readonly readUnitsPerSearch: number;
  /** What the first search of a container costs: loading the index. */
  readonly indexLoad?: { readonly ms: number; readonly readUnits: number; readonly heapMiB: number };
  readonly listingReadUnitsPerPage: number;
  /** Each search: what it found, its median time and its read units. */
  readonly queries: readonly { query: string; found: number; p50Ms: number; readUnits: number }[];
}

/** A full garbage collection on demand, so that the heap measured before and after the load holds only what is live. */
const collector = (): (() => void) => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
};

const region = 'us-east-1';
const table = 'bench-catalog';

const client = (endpoint: string) =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region, credentials: localCredentials }), {
    marshallOptions: { removeUndefinedValues: true },
  });

export const catalogBench = async ({
  products,
  rounds,
}: {
  products: number;
  rounds: number;
}): Promise<CatalogFigures> => {
  const dynamo = await startDynamoDbLocal({ region });
  const units = { reads: 0 };
  const meter = await startCapacityMeter(dynamo.endpoint, {
    request: () => undefined,
    capacity: (_table, readUnits) => {
      units.reads += readUnits;
    },
  });
  try {
    return await loadAndSearch(client(dynamo.endpoint), client(meter.endpoint), units, { products, rounds });
  } finally {
    await meter.stop();
    await dynamo.stop();
  }
};

const loadAndSearch = async (
  db: DynamoDBDocumentClient,
  metered: DynamoDBDocumentClient,
  units: { reads: number },
  { products, rounds }: { products: number; rounds: number },
): Promise<CatalogFigures> => {
  const design = CatalogTable;
  const index = design.indexes.byKind;
  await db.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: design.partitionKey, KeyType: 'HASH' },
        { AttributeName: design.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [design.partitionKey, design.sortKey, index.partitionKey, index.sortKey].map(
        (AttributeName) => ({ AttributeName, AttributeType: 'S' }),
      ),
      GlobalSecondaryIndexes: [
        {
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  const next = generator(20_261_206);
  const loadStarted = performance.now();
  const counts = new Map<string, number>();
  const items: Record<string, unknown>[] = [];
  const created = Date.parse('2026-01-01T00:00:00.000Z');
  for (let index = 0; index < products; index++) {
    const category = pick(next, CATEGORIES);
    const name = `${pick(next, ADJECTIVES)} ${pick(next, NOUNS)} ${index}`;
    const description = Array.from({ length: 10 }, () => {
      const draw = next(1_000_000) / 1_000_000;
      return VOCABULARY[ZIPF.findIndex((bound) => draw < bound)] ?? 'gift';
    }).join(' ');
    const product = {
      ...newProduct(
        `BENCH-${String(index).padStart(5, '0')}`,
        { name, description, category, price: money(500 + next(50_000)) },
        new Date(created + index * 60_000),
      ),
      inStock: next(10) > 1,
      stockVersion: 1,
    };
    items.push(...productItems(product));
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  for (const category of CATEGORIES) {
    const name = `${category[0]?.toUpperCase()}${category.slice(1)}`;
    items.push({
      ...categoryItem(
        { id: category, name, createdAt: new Date(created).toISOString() },
        counts.get(category) ?? 0,
      ),
    });
  }
  const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, batch) =>
    items.slice(batch * 25, batch * 25 + 25),
  );
  // A few writers at once, straight to DynamoDB Local (the load is not metered).
  const writer = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0 && attempt < 10; attempt++) {
        const { UnprocessedItems } = await db.send(
          new BatchWriteCommand({ RequestItems: { [table]: pending } }),
        );
        pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
      }
      if (pending.length > 0) throw new Error('DynamoDB Local kept items unprocessed.');
    }
  };
  await Promise.all(Array.from({ length: 4 }, writer));
  const loadSeconds = round((performance.now() - loadStarted) / 1000);

  const admin = dynamoProductStore(db, table);
  const reader = () => ({
    products: dynamoProductStore(metered, table),
    categories: dynamoCategoryStore(metered, table),
    cursors: hmacCursors('bench-cursor-secret-of-sufficient-length'),
    clock: () => new Date(),
  });
  let deps = reader();
  /** A query string as the route parses it, then the use case: what the ListProducts function does. */
  const search = async (query: string) => {
    const started = performance.now();
    const { items } = await listProducts(
      deps,
      productQuery.parse(Object.fromEntries(new URLSearchParams(query))),
    );
    return { ms: performance.now() - started, found: items.length };
  };
  // One round to warm up (the process, DynamoDB Local); then a new container's first search.
  for (const query of CATALOG_QUERIES) await search(query);
  deps = reader();
  const gc = collector();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  units.reads = 0;
  const { ms: loadMs } = await search(CATALOG_QUERIES[0] ?? 'q=lamp');
  gc();
  const indexLoad = {
    ms: round(loadMs),
    readUnits: round(units.reads),
    heapMiB: round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20),
  };
  units.reads = 0;
  const timings: number[] = [];
  const perQuery = new Map(
    CATALOG_QUERIES.map((query) => [query, { ms: [] as number[], units: 0, found: 0 }]),
  );
  for (let pass = 0; pass < rounds; pass++) {
    // A sale or a restock between rounds: one product's stock status changes.
    await admin.setStockStatus(`BENCH-${String(pass).padStart(5, '0')}`, pass % 2 === 0, 100 + pass);
    for (const query of CATALOG_QUERIES) {
      const before = units.reads;
      const { ms, found } = await search(query);
      timings.push(ms);
      const figures = perQuery.get(query);
      if (figures) {
        figures.ms.push(ms);
        figures.units += units.reads - before;
        figures.found = found;
      }
    }
  }
  const readUnits = units.reads;
  units.reads = 0;
  for (let pass = 0; pass < rounds; pass++) await search('sort=price&limit=20');
  const listingUnits = units.reads;
  timings.sort((a, b) => a - b);
  return {
    products,
    loadSeconds,
    searches: timings.length,
    searchP50Ms: round(percentile(timings, 50)),
    searchP99Ms: round(percentile(timings, 99)),
    readUnitsPerSearch: round(readUnits / Math.max(1, timings.length)),
    indexLoad,
    listingReadUnitsPerPage: round(listingUnits / Math.max(1, rounds)),
    queries: [...perQuery].map(([query, figures]) => ({
      query,
      found: figures.found,
      p50Ms: round(percentile(figures.ms, 50)),
      readUnits: round(figures.units / Math.max(1, rounds)),
    })),
  };
};
