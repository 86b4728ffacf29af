import { boundedByDeadline, SDK_REQUEST_LIMITS } from './deadline.js';
import {
  BatchGetCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBDocumentClient,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from './dynamodb-sdk.js';
import type { DomainEvent } from './events/define-event.js';
import { carryingEvents, outboxItem } from './outbox/outbox.js';
import type { PageKey } from './pagination.js';
import { jitteredDelay, retrying, sleep } from './retry.js';

/** One document client per container, created on first use. */
let documentClient: DynamoDBDocumentClient | undefined;
export const dynamoDocumentClient = (): DynamoDBDocumentClient => {
  documentClient ??= DynamoDBDocumentClient.from(
    boundedByDeadline(new DynamoDBClient({ requestHandler: SDK_REQUEST_LIMITS })),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
  return documentClient;
};

/** The transaction items that store `events` in the table's outbox. */
export const outboxPuts = (tableName: string, events: readonly DomainEvent[], now = new Date()) =>
  events.map((event) => ({
    Put: {
      TableName: tableName,
      Item: outboxItem(event, now),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));

/**
 * For a cancelled transaction, whether the item at `index` failed its
 * condition; undefined when the error is not a cancelled transaction.
 */
export const conditionFailedAt = (error: unknown, index: number): boolean | undefined => {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
};

/**
 * Puts one conditional item carrying the events its write causes (the
 * outbox, see outbox.ts): one write, no transaction. Resolves false when the
 * condition failed, so that nothing was written; any other failure rejects.
 */
export const putWithEvents = (
  db: DynamoDBDocumentClient,
  put: PutCommandInput & { readonly Item: Record<string, unknown> },
  events: readonly DomainEvent[],
): Promise<boolean> =>
  whenConditionHolds(db.send(new PutCommand({ ...put, Item: carryingEvents(put.Item, events) })));

/**
 * Inserts an item carrying the events its insert causes. Resolves false when
 * the item existed already, so that nothing was written.
 */
export const insertWithEvents = (
  db: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown> & { readonly pk: string },
  events: readonly DomainEvent[],
): Promise<boolean> =>
  putWithEvents(
    db,
    { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    events,
  );

/** Runs a conditional write; resolves false when its condition failed, so nothing was written. */
export const whenConditionHolds = async (write: Promise<unknown>): Promise<boolean> => {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
};

/** BatchGetItem takes at most 100 keys. */
const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 6;

/**
 * The items of `keys` that exist, in no particular order: 100 keys per
 * BatchGetItem, the keys DynamoDB left unprocessed asked again after a
 * jittered backoff (it does so under throttling), a few times at most.
 */
export const batchGetAll = async <T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  { consistent = false }: { consistent?: boolean } = {},
): Promise<T[]> => {
  const found: T[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    let pending = keys.slice(start, start + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_GET_ATTEMPTS) throw new Error('DynamoDB kept keys unprocessed after retries.');
      await sleep(jitteredDelay(attempt + 1, { baseMs: 25 }));
      const result = await db.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: { Keys: [...pending], ...(consistent ? { ConsistentRead: true } : {}) },
          },
        }),
      );
      found.push(...((result.Responses?.[tableName] ?? []) as T[]));
      pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
};

/**
 * Every page of a query, one after the other, each as DynamoDB answers it
 * (its items, or its count with `Select: 'COUNT'`).
 */
export async function* queryPages(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): AsyncGenerator<{ items: Record<string, unknown>[]; count: number }> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({ ...query, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    yield { items: page.Items ?? [], count: page.Count ?? 0 };
    start = page.LastEvaluatedKey;
  } while (start);
}

/** Every item a query finds, all its pages read. */
export const queryAll = async <T>(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<T[]> => {
  const items: T[] = [];
  for await (const page of queryPages(db, query)) items.push(...(page.items as T[]));
  return items;
};

/**
 * One page of a query. It asks for one item more than `limit`, which shows
 * whether another page exists, so the last page has no `next`; `keyOf`
 * gives the key to continue after an item (the table's and the index's).
 */
export const queryPage = async <T>(
  db: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  page: { limit: number; after?: PageKey; keyOf: (item: T) => PageKey },
): Promise<{ items: T[]; next?: PageKey }> => {
  const { Items = [] } = await db.send(
    new QueryCommand({
      ...query,
      Limit: page.limit + 1,
      ...(page.after ? { ExclusiveStartKey: page.after } : {}),
    }),
  );
  const items = (Items as T[]).slice(0, page.limit);
  const last = items.at(-1);
  return { items, ...(Items.length > page.limit && last ? { next: page.keyOf(last) } : {}) };
};

/** One page of an index's partition, in its sort key's order or, with `newestFirst`, backwards. */
export const queryIndexPage = <T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  index: { readonly name: string; readonly partitionKey: string },
  partition: string,
  page: { limit: number; after?: PageKey; keyOf: (item: T) => PageKey; newestFirst?: boolean },
) =>
  queryPage<T>(
    db,
    {
      TableName: tableName,
      IndexName: index.name,
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { '#partition': index.partitionKey },
      ExpressionAttributeValues: { ':partition': partition },
      ...(page.newestFirst ? { ScanIndexForward: false } : {}),
    },
    page,
  );

/** How often a transaction that lost a race with another on the same items is tried again. */
const MAX_CONFLICT_RETRIES = 12;
const isTransactionConflict = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');

/**
 * One TransactWriteItems, tried again with jittered backoff while it only
 * conflicts with other transactions on the same items (nothing was written;
 * the SDK does not retry it), a bounded number of times.
 */
export const transactWrite = async (
  db: DynamoDBDocumentClient,
  items: NonNullable<TransactWriteCommandInput['TransactItems']>,
): Promise<void> => {
  await retrying(() => db.send(new TransactWriteCommand({ TransactItems: items })), {
    attempts: MAX_CONFLICT_RETRIES + 1,
    retryable: isTransactionConflict,
    backoff: { baseMs: 5, maxMs: 200 },
  });
};
