import { BatchWriteCommand, type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { batchGetAll, putWithEvents, queryAll, queryPages } from '../../../functions/shared/dynamodb.js';
import { eventsFromRecord } from '../../../functions/shared/outbox/outbox.js';
import { createTable, dynamoDbLocalClient } from '../../support/dynamodb-tables.js';
import { Pinged } from '../../support/test-events.js';

/** A client on DynamoDB Local that remembers which commands it sent. */
const setUp = async () => {
  const db = dynamoDbLocalClient();
  const tableName = await createTable(db, { partitionKey: 'pk', sortKey: 'sk', indexes: {} });
  const send = db.send.bind(db);
  const sent: string[] = [];
  vi.spyOn(db, 'send').mockImplementation(((command: { constructor: { name: string } }) => {
    sent.push(command.constructor.name);
    return send(command as Parameters<typeof send>[0]);
  }) as typeof db.send);
  const items = async () =>
    ((await send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? []).map(
      (item) => `${item.pk}`,
    );
  return { db, tableName, sent, items };
};

describe('putWithEvents', () => {
  const scanned = async (db: DynamoDBDocumentClient, tableName: string) =>
    (await db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [];

  it('puts the item carrying the events it causes, in one write outside a transaction (billed once, not twice)', async () => {
    const { db, tableName, sent } = await setUp();
    const event = Pinged.create({ n: 1 });
    const put = { TableName: tableName, Item: { pk: 'THING#1', sk: 'THING' } };
    expect(await putWithEvents(db, put, [event])).toBe(true);
    expect(sent).toEqual(['PutCommand']);
    const [item] = await scanned(db, tableName);
    expect(eventsFromRecord(marshall(item ?? {}))).toEqual([event]);
  });

  it('puts an item that causes no events without any, replacing what it carried before', async () => {
    const { db, tableName, items } = await setUp();
    const put = { TableName: tableName, Item: { pk: 'THING#1', sk: 'THING' } };
    await putWithEvents(db, put, [Pinged.create({ n: 1 })]);
    expect(await putWithEvents(db, put, [])).toBe(true);
    expect(await items()).toEqual(['THING#1']);
    expect((await scanned(db, tableName))[0]).toEqual({ pk: 'THING#1', sk: 'THING' });
  });

  it('resolves false and writes nothing when the item’s condition fails, with or without events', async () => {
    const { db, tableName, items } = await setUp();
    const put = {
      TableName: tableName,
      Item: { pk: 'THING#1', sk: 'THING', status: 'DONE' },
      ConditionExpression: '#status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':from': 'READY' },
    };
    expect(await putWithEvents(db, put, [])).toBe(false);
    expect(await putWithEvents(db, put, [Pinged.create({ n: 2 })])).toBe(false);
    expect(await items()).toEqual([]);
  });
});

describe('batchGetAll', () => {
  it('reads more than a hundred keys, a hundred at a time, leaving out those that do not exist', async () => {
    const { db, tableName, sent } = await setUp();
    const keys = Array.from({ length: 130 }, (_, n) => ({ pk: `THING#${n}`, sk: 'THING' }));
    for (let start = 0; start < 120; start += 25)
      await db.send(
        new BatchWriteCommand({
          RequestItems: {
            [tableName]: keys
              .slice(start, Math.min(start + 25, 120))
              .map((key) => ({ PutRequest: { Item: { ...key, n: Number(key.pk.slice(6)) } } })),
          },
        }),
      );
    sent.length = 0;
    const found = await batchGetAll<{ n: number }>(db, tableName, keys);
    expect(found.map((item) => item.n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 120 }, (_, n) => n),
    );
    expect(sent).toEqual(['BatchGetCommand', 'BatchGetCommand']);
  });

  /** A client whose BatchGetItem leaves `unprocessed` times every key unprocessed, then answers. */
  const stingy = (unprocessed: number) => {
    let calls = 0;
    const send = vi.fn(async (command: { input: { RequestItems: Record<string, { Keys: object[] }> } }) => {
      const [[table, { Keys }]] = Object.entries(command.input.RequestItems) as [
        [string, { Keys: object[] }],
      ];
      calls++;
      return calls <= unprocessed
        ? { Responses: { [table]: [] }, UnprocessedKeys: { [table]: { Keys } } }
        : { Responses: { [table]: Keys } };
    });
    return { db: { send } as unknown as DynamoDBDocumentClient, send };
  };

  it('asks again for the keys DynamoDB left unprocessed', async () => {
    const { db, send } = stingy(2);
    expect(await batchGetAll(db, 'things', [{ pk: 'A' }, { pk: 'B' }])).toEqual([{ pk: 'A' }, { pk: 'B' }]);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('gives up when keys stay unprocessed, rather than looping forever', async () => {
    const { db } = stingy(Number.POSITIVE_INFINITY);
    await expect(batchGetAll(db, 'things', [{ pk: 'A' }])).rejects.toThrow(/unprocessed/);
  });
});

describe('queryAll and queryPages', () => {
  it('read every page of a query, one request a page, and count with Select COUNT', async () => {
    const { db, tableName, sent } = await setUp();
    await db.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: Array.from({ length: 5 }, (_, n) => ({
            PutRequest: { Item: { pk: 'P', sk: `S#${n}` } },
          })),
        },
      }),
    );
    sent.length = 0;
    const query = {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'P' },
      Limit: 2,
    };
    const items = await queryAll<{ sk: string }>(db, query);
    expect(items.map((item) => item.sk)).toEqual(['S#0', 'S#1', 'S#2', 'S#3', 'S#4']);
    expect(sent).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand']);
    let counted = 0;
    for await (const page of queryPages(db, { ...query, Select: 'COUNT' })) counted += page.count;
    expect(counted).toBe(5);
  });
});
