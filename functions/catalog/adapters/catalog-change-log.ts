import { batchGetAll, conditionFailedAt, queryAll } from '../../shared/dynamodb.js';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type TransactWriteCommandInput,
} from '../../shared/dynamodb-sdk.js';
import { BackendUnavailableError } from '../../shared/errors.js';
import { logger } from '../../shared/observability.js';
import { TTL_ATTRIBUTE } from '../../shared/outbox/outbox.js';
import { jitteredDelay, sleep } from '../../shared/retry.js';
import { type CatalogChange, CatalogIndex, type SearchIndex } from '../domain/catalog-index.js';
import type { Category } from '../domain/category.js';
import type { Product } from '../domain/product.js';
import {
  CHANGES_PARTITION,
  categoryKey,
  changeKey,
  changeSortKey,
  listingPartition,
  type ProductItem,
  sequenceKey,
  toProduct,
} from './catalog-table.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How long a change stays in the log. An index further behind loads the catalog again. */
export const CHANGE_RETENTION_SECONDS = 24 * 60 * 60;
/** At most this many changes are read to catch up; an index further behind loads the catalog again. */
export const CATCH_UP_LIMIT = 500;
/** A write that lost its number to another write reads the sequence again, this many times in all. */
export const SEQUENCE_ATTEMPTS = 8;

interface ChangeItem {
  readonly pk: string;
  readonly sk: string;
  readonly seq: number;
  readonly change: CatalogChange;
}

/** The number of the last change logged (0 before the first). */
const readSequence = async (db: DynamoDBDocumentClient, tableName: string): Promise<number> => {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: sequenceKey, ConsistentRead: true }),
  );
  return typeof Item?.seq === 'number' ? Item.seq : 0;
};

/** The two items that log `change` as number `seq + 1`: the sequence moved on only from `seq`, and the change. */
const logItems = (tableName: string, seq: number, change: CatalogChange, now: Date): TransactItem[] => [
  {
    Update: {
      TableName: tableName,
      Key: sequenceKey,
      UpdateExpression: 'SET #seq = :next',
      ConditionExpression: seq === 0 ? 'attribute_not_exists(#seq)' : '#seq = :seq',
      ExpressionAttributeNames: { '#seq': 'seq' },
      ExpressionAttributeValues: { ':next': seq + 1, ...(seq === 0 ? {} : { ':seq': seq }) },
    },
  },
  {
    Put: {
      TableName: tableName,
      Item: {
        ...changeKey(seq + 1),
        seq: seq + 1,
        change,
        [TTL_ATTRIBUTE]: Math.floor(now.getTime() / 1000) + CHANGE_RETENTION_SECONDS,
      },
    },
  },
];

/** Items 0 and 1 of a logged write's transaction are the log's; the write's own items follow from this index. */
export const LOGGED_ITEMS = 2;

/**
 * Runs a write that logs `change`: `transact` is given the log's two items,
 * to put first in its transaction. When another write took the number first
 * (item 0's condition failed), the sequence is read again and the write tried
 * again, after a jittered pause, a bounded number of times; then it is a
 * transient failure. Any other failure is the caller's.
 */
export const loggedWrite = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  change: CatalogChange,
  transact: (log: TransactItem[]) => Promise<void>,
  now = new Date(),
): Promise<void> => {
  for (let attempt = 1; attempt <= SEQUENCE_ATTEMPTS; attempt++) {
    await sleep(jitteredDelay(attempt, { baseMs: 10, maxMs: 250 }));
    const seq = await readSequence(db, tableName);
    try {
      return await transact(logItems(tableName, seq, change, now));
    } catch (error) {
      if (!conditionFailedAt(error, 0)) throw error;
    }
  }
  throw new BackendUnavailableError('Catalog writes kept taking the same change number; try again.');
};

/** The `all` listing is read in this many sort key ranges at once when an index loads. */
export const LOAD_RANGES = 4;

/**
 * Sort key ranges of the `all` listing (keys `<createdAt>#<sku>`) that hold
 * every key once: `count` ranges split at creation times evenly spaced
 * between the first and the last. A split is a bare time, which sorts before
 * every key that starts with it, so a key on a split falls in the range that
 * starts there; the outer bounds sort below and above any key.
 */
export const loadRanges = (first: string, last: string, count: number): [string, string][] => {
  const from = Date.parse(first);
  const span = Date.parse(last) - from;
  const splits =
    Number.isNaN(span) || span <= 0
      ? []
      : Array.from({ length: count - 1 }, (_, at) =>
          new Date(from + (span * (at + 1)) / count).toISOString(),
        );
  const bounds = [' ', ...splits, '~'];
  return bounds.slice(0, -1).map((bound, at): [string, string] => [bound, bounds[at + 1] ?? '~']);
};

/**
 * The catalog's search index in memory, kept up to date from the change log
 * (catalog-table.ts). Each call reads the log from where the index is (one
 * consistent Query: one read unit while nothing changed) and applies what it
 * lacks. The first call, and one whose index is too far behind or finds a
 * gap (changes expire after CHANGE_RETENTION_SECONDS), loads the catalog
 * from the `all` listing, then catches up from the number it read first.
 * Calls run one after another, so each sees every write made before it.
 */
export const changeLogSearchIndex = (
  db: DynamoDBDocumentClient,
  tableName: string,
  { catchUpLimit = CATCH_UP_LIMIT }: { catchUpLimit?: number } = {},
): (() => Promise<SearchIndex>) => {
  let state: { index: CatalogIndex; seq: number } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const catchUp = async (current: { index: CatalogIndex; seq: number }): Promise<boolean> => {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :changes AND sk > :after',
        ExpressionAttributeValues: { ':changes': CHANGES_PARTITION, ':after': changeSortKey(current.seq) },
        ConsistentRead: true,
        Limit: catchUpLimit + 1,
      }),
    );
    const sequence = Items.find((item) => item.sk === sequenceKey.sk);
    // `SEQ` sorts after every change: a page that stops before it is more than the limit behind.
    if (!sequence && Items.length > 0) return false;
    const latest = typeof sequence?.seq === 'number' ? sequence.seq : 0;
    const changes = Items.filter((item) => item.sk !== sequenceKey.sk) as ChangeItem[];
    const contiguous =
      changes.length === latest - current.seq &&
      changes.every((item, at) => item.seq === current.seq + 1 + at);
    if (!contiguous) return false;
    for (const { change } of changes) current.index.apply(change);
    current.seq = latest;
    return true;
  };

  const listing = listingPartition(undefined, 'newest');

  /** The `all` listing's earliest or latest creation time, or undefined when it is empty. */
  const edge = async (forward: boolean): Promise<string | undefined> => {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :listing',
        ExpressionAttributeValues: { ':listing': listing },
        ProjectionExpression: 'createdAt',
        ScanIndexForward: forward,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return Items[0]?.createdAt as string | undefined;
  };

  /** Every product of the `all` listing: its sort key ranges read at once (`loadRanges`). */
  const readListing = async (): Promise<Product[]> => {
    const [first, last] = await Promise.all([edge(true), edge(false)]);
    if (first === undefined || last === undefined) return [];
    const ranges = await Promise.all(
      loadRanges(first, last, LOAD_RANGES).map(([from, to]) =>
        queryAll<ProductItem>(db, {
          TableName: tableName,
          KeyConditionExpression: 'pk = :listing AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':listing': listing, ':from': from, ':to': to },
          ConsistentRead: true,
        }),
      ),
    );
    return ranges.flat().map(toProduct);
  };

  const load = async (): Promise<{ index: CatalogIndex; seq: number }> => {
    const seq = await readSequence(db, tableName);
    const products = await readListing();
    const categories = await batchGetAll<Category>(
      db,
      tableName,
      [...new Set(products.map((product) => product.category))].map(categoryKey),
      { consistent: true },
    );
    const index = new CatalogIndex();
    for (const { id, name } of categories) index.apply({ kind: 'category', id, name });
    for (const product of products) index.apply({ kind: 'product', product });
    return { index, seq };
  };

  const sync = async (): Promise<SearchIndex> => {
    if (state && (await catchUp(state))) return state.index;
    // Loaded from a listing read after `seq`: the changes since are applied over it, in order.
    const started = performance.now();
    const loaded = await load();
    if (!(await catchUp(loaded))) {
      throw new BackendUnavailableError('The catalog changed faster than its index could load; try again.');
    }
    // What a container's first search costs, for the operator who sizes the function (docs/architecture.md).
    logger.info('Search index loaded', {
      products: loaded.index.size,
      change: loaded.seq,
      ms: Math.round(performance.now() - started),
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    });
    state = loaded;
    return loaded.index;
  };

  return () => {
    const next = queue.then(sync);
    queue = next.catch(() => undefined);
    return next;
  };
};
