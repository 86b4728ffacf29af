import type { IncomingMessage } from 'node:http';
import { readBody, serveLocally, type UpstreamAnswer, upstreamClient } from '../net.js';
import { type IndexShape, transactionalWriteUnits, type WireItem } from './write-units.js';

/** Where the meter reports: each data request, and the units it consumed on each table. */
export interface CapacitySink {
  request(): void;
  /** `item`: what the units were spent on: the operation and the kind of item, or the index a query read. */
  capacity(table: string, readUnits: number, writeUnits: number, item: string): void;
}

/**
 * The kind of item a key names, from the leading word of each key value:
 * `ORDER/HISTORY` for `ORDER#<id>`, `HISTORY#<at>#<event>`; `*` for a value
 * that starts with an id, a time or a number.
 */
export const itemKind = (key: WireItem | undefined, keyNames: readonly string[]): string =>
  keyNames
    .map((name) => {
      const value = key?.[name]?.S;
      const word = typeof value === 'string' ? (value.split('#')[0] ?? '') : '';
      return /^[A-Z][A-Z_]*$/.test(word) ? word : '*';
    })
    .join('/');

/** The first key a batch names on a table: what its units on that table are reported under. */
const firstBatchKey = (request: Record<string, unknown>, table: string): WireItem | undefined => {
  const entry = (request.RequestItems as Record<string, unknown> | undefined)?.[table];
  if (Array.isArray(entry)) {
    const [write] = entry as { PutRequest?: { Item?: WireItem }; DeleteRequest?: { Key?: WireItem } }[];
    return write?.PutRequest?.Item ?? write?.DeleteRequest?.Key;
  }
  return (entry as { Keys?: WireItem[] } | undefined)?.Keys?.[0];
};

const READS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

interface ConsumedCapacity {
  readonly TableName?: string;
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

const report = async (
  sink: CapacitySink,
  operation: string,
  consumed: unknown,
  spentOn: (table: string) => Promise<string>,
): Promise<void> => {
  const list = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as ConsumedCapacity[];
  for (const entry of list) {
    const table = entry.TableName ?? 'unknown';
    const item = await spentOn(table);
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined)
      sink.capacity(table, entry.ReadCapacityUnits ?? 0, entry.WriteCapacityUnits ?? 0, item);
    else if (READS.has(operation)) sink.capacity(table, entry.CapacityUnits ?? 0, 0, item);
    else sink.capacity(table, 0, entry.CapacityUnits ?? 0, item);
  }
};

/**
 * A key a BatchGetItem finds no item for still costs what reading it would
 * (one unit, half when eventually consistent), since DynamoDB reads each key
 * of a batch as a GetItem of its own, and a GetItem of a missing item costs
 * that. DynamoDB Local counts nothing for it.
 */
const reportMissingBatchReads = (
  sink: CapacitySink,
  request: Record<string, unknown>,
  answer: Record<string, unknown>,
): void => {
  const asked = (request.RequestItems ?? {}) as Record<
    string,
    { Keys?: unknown[]; ConsistentRead?: boolean }
  >;
  const found = (answer.Responses ?? {}) as Record<string, unknown[]>;
  const left = (answer.UnprocessedKeys ?? {}) as Record<string, { Keys?: unknown[] }>;
  for (const [table, { Keys = [], ConsistentRead }] of Object.entries(asked)) {
    const missing = Keys.length - (found[table]?.length ?? 0) - (left[table]?.Keys?.length ?? 0);
    if (missing > 0)
      sink.capacity(table, missing * (ConsistentRead ? 1 : 0.5), 0, 'BatchGetItem (not found)');
  }
};

/**
 * A write refused by its condition still costs: one unit for a refused item
 * (at most 1 KB in this shop), two per item of a cancelled transaction, on
 * each item's table. DynamoDB Local reports no capacity with the error, so it
 * is estimated here.
 */
const reportRefusal = async (
  sink: CapacitySink,
  errorType: string,
  request: Record<string, unknown>,
  spentOn: (table: string) => Promise<string>,
): Promise<void> => {
  if (errorType.endsWith('ConditionalCheckFailedException') && typeof request.TableName === 'string')
    sink.capacity(request.TableName, 0, 1, `${await spentOn(request.TableName)} (refused)`);
  if (errorType.endsWith('TransactionCanceledException'))
    for (const entry of (request.TransactItems ?? []) as TransactItem[]) {
      const [write] = Object.values(entry);
      if (write) sink.capacity(write.TableName, 0, 2, 'TransactWriteItems (cancelled)');
    }
};

type TransactItem = Readonly<
  Record<
    'Put' | 'Update' | 'Delete' | 'ConditionCheck',
    { TableName: string; Item?: WireItem; Key?: WireItem }
  >
>;

/**
 * A proxy in front of DynamoDB Local that meters what each data request
 * consumes: it asks for `ReturnConsumedCapacity` (DynamoDB Local computes it
 * as DynamoDB does, indexes included), reports the units, and hands the
 * client the answer it asked for. Transactions it meters itself, from the
 * items' images, since DynamoDB Local reports them wrongly (write-units.ts).
 * DynamoDB Local does not check request signatures, so a rewritten body passes.
 */
export const startCapacityMeter = async (
  target: string,
  sink: CapacitySink,
): Promise<{ endpoint: string; stop(): Promise<void> }> => {
  const upstream = upstreamClient(target);
  const send = (headers: IncomingMessage['headers'], body: Buffer, path = '/'): Promise<UpstreamAnswer> =>
    upstream.send({ headers, body, path });

  /** A call of the meter's own, unmetered, with the client's credentials (DynamoDB Local keys tables by them). */
  const own = async (like: IncomingMessage['headers'], operation: string, input: object) => {
    const answer = await send(
      {
        authorization: like.authorization,
        'x-amz-date': like['x-amz-date'],
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
      },
      Buffer.from(JSON.stringify(input)),
    );
    return JSON.parse(answer.body.toString('utf8') || '{}') as Record<string, unknown>;
  };

  const shapes = new Map<string, { keys: string[]; indexes: IndexShape[] }>();
  const shapeOf = async (like: IncomingMessage['headers'], table: string) => {
    const known = shapes.get(table);
    if (known) return known;
    const { Table } = (await own(like, 'DescribeTable', { TableName: table })) as {
      Table?: {
        KeySchema?: { AttributeName: string }[];
        GlobalSecondaryIndexes?: {
          KeySchema: { AttributeName: string }[];
          Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
        }[];
      };
    };
    const shape = {
      keys: (Table?.KeySchema ?? []).map((key) => key.AttributeName),
      indexes: (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
        keys: index.KeySchema.map((key) => key.AttributeName),
        projection:
          index.Projection?.ProjectionType === 'INCLUDE'
            ? (index.Projection.NonKeyAttributes ?? [])
            : index.Projection?.ProjectionType === 'KEYS_ONLY'
              ? ('KEYS_ONLY' as const)
              : ('ALL' as const),
      })),
    };
    shapes.set(table, shape);
    return shape;
  };

  const image = async (like: IncomingMessage['headers'], table: string, key: WireItem) =>
    (
      (await own(like, 'GetItem', { TableName: table, Key: key, ConsistentRead: true })) as {
        Item?: WireItem;
      }
    ).Item;

  /** Runs a transaction and meters it from the items' images before and after (see write-units.ts). */
  const transact = async (
    headers: IncomingMessage['headers'],
    body: Buffer,
    request: Record<string, unknown>,
  ) => {
    const items = (request.TransactItems ?? []) as TransactItem[];
    const planned = await Promise.all(
      items.map(async (entry) => {
        const [kind, write] = Object.entries(entry)[0] as [
          keyof TransactItem,
          TransactItem[keyof TransactItem],
        ];
        const shape = await shapeOf(headers, write.TableName);
        const key =
          write.Key ??
          Object.fromEntries(shape.keys.map((name) => [name, write.Item?.[name] ?? { NULL: true }]));
        const before = await image(headers, write.TableName, key);
        return { kind, write, shape, key, before };
      }),
    );
    const answer = await send(headers, body);
    if (answer.status < 300) {
      for (const { kind, write, shape, key, before } of planned) {
        // A condition check writes nothing and is billed as a write of the item it read.
        const after =
          kind === 'Put'
            ? write.Item
            : kind === 'Update'
              ? await image(headers, write.TableName, key)
              : kind === 'ConditionCheck'
                ? before
                : undefined;
        sink.capacity(
          write.TableName,
          0,
          transactionalWriteUnits(before, after, shape.keys, shape.indexes),
          `Transact${kind} ${itemKind(key, shape.keys)}`,
        );
      }
    }
    return answer;
  };

  /** What a request's units on `table` were spent on: the operation and its item's kind, or the index a query read. */
  const spending =
    (like: IncomingMessage['headers'], operation: string, request: Record<string, unknown>) =>
    async (table: string): Promise<string> => {
      if (operation === 'Query' || operation === 'Scan')
        return `${operation} ${typeof request.IndexName === 'string' ? request.IndexName : 'table'}`;
      const key = operation.startsWith('Batch')
        ? firstBatchKey(request, table)
        : ((request.Key ?? request.Item) as WireItem | undefined);
      return `${operation} ${itemKind(key, (await shapeOf(like, table)).keys)}`;
    };

  const served = await serveLocally(async (incoming, outgoing) => {
    try {
      const body = await readBody(incoming);
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const metered = READS.has(operation) || WRITES.has(operation);
      let request: Record<string, unknown> = {};
      let forwarded = body;
      let askedFor = true;
      if (metered) {
        request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        askedFor = request.ReturnConsumedCapacity !== undefined && request.ReturnConsumedCapacity !== 'NONE';
        if (!askedFor)
          forwarded = Buffer.from(JSON.stringify({ ...request, ReturnConsumedCapacity: 'TOTAL' }));
      }
      const answer =
        operation === 'TransactWriteItems'
          ? await transact(incoming.headers, forwarded, request)
          : await send(incoming.headers, forwarded, incoming.url);
      let answerBody = answer.body;
      const answerHeaders = { ...answer.headers };
      if (metered) {
        const parsed = JSON.parse(answerBody.toString('utf8') || '{}') as Record<string, unknown>;
        sink.request();
        if (answer.status < 300) {
          if (operation !== 'TransactWriteItems')
            await report(
              sink,
              operation,
              parsed.ConsumedCapacity,
              spending(incoming.headers, operation, request),
            );
          if (operation === 'BatchGetItem') reportMissingBatchReads(sink, request, parsed);
          if (!askedFor) {
            delete parsed.ConsumedCapacity;
            answerBody = Buffer.from(JSON.stringify(parsed));
            delete answerHeaders['x-amz-crc32'];
          }
        } else
          await reportRefusal(
            sink,
            String(parsed.__type ?? ''),
            request,
            spending(incoming.headers, operation, request),
          );
      }
      answerHeaders['content-length'] = String(answerBody.length);
      outgoing.writeHead(answer.status, answerHeaders);
      outgoing.end(answerBody);
    } catch (error) {
      outgoing.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      outgoing.end(
        JSON.stringify({ __type: 'InternalServerError', message: `capacity meter: ${String(error)}` }),
      );
    }
  });
  return {
    endpoint: served.endpoint,
    stop: async () => {
      await served.stop();
      upstream.close();
    },
  };
};
