import {
  BatchGetItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCapacityMeter } from '../../../../local/dynamodb/capacity-meter.js';
import { UsageMeter } from '../../../../local/usage.js';

const table = `meter-${Date.now()}`;
const indexed = `meter-indexed-${Date.now()}`;
const usage = new UsageMeter();
let meter: Awaited<ReturnType<typeof startCapacityMeter>>;
let db: DynamoDBClient;

beforeAll(async () => {
  meter = await startCapacityMeter(inject('dynamoDbEndpoint'), usage);
  db = new DynamoDBClient({
    endpoint: meter.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await db.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
  await db.send(
    new CreateTableCommand({
      TableName: indexed,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'held', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byHeld',
          KeySchema: [{ AttributeName: 'held', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
});

afterAll(async () => {
  db.destroy();
  await meter.stop();
});

/** A put its condition refuses: the item is there already. */
const refusedPut = (tableName: string, pk: string) =>
  expect(
    db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: pk } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  ).rejects.toThrow(/conditional request failed/i);

describe('the DynamoDB capacity meter', () => {
  it('counts the write units of a put and a transaction (two per item) on their table', async () => {
    usage.reset();
    await db.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'a' } } }));
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: { S: 'b' } } } },
          { Put: { TableName: table, Item: { pk: { S: 'c' } } } },
        ],
      }),
    );
    const { dynamodb } = usage.snapshot();
    expect(dynamodb.writeUnits).toBe(5);
    expect(dynamodb.tables[table]).toMatchObject({ readUnits: 0, writeUnits: 5 });
    expect(dynamodb.requests).toBe(2);
  });

  it('meters a transaction item by item from its images, larger items and updates included', async () => {
    usage.reset();
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          // 2.5 KB: three units, twice.
          { Put: { TableName: table, Item: { pk: { S: 'd' }, text: { S: 'x'.repeat(2500) } } } },
          // An update of a small item: one unit, twice.
          {
            Update: {
              TableName: table,
              Key: { pk: { S: 'a' } },
              UpdateExpression: 'SET n = :n',
              ExpressionAttributeValues: { ':n': { N: '1' } },
            },
          },
          { Delete: { TableName: table, Key: { pk: { S: 'c' } } } },
        ],
      }),
    );
    expect(usage.snapshot().dynamodb.writeUnits).toBe(2 * (3 + 1 + 1));
  });

  it('bills the table twice and an index once for an item a transaction writes', async () => {
    usage.reset();
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          // Into the index: one unit on the table, twice, and one on the index.
          { Put: { TableName: indexed, Item: { pk: { S: 'r' }, held: { S: 'yes' } } } },
          // In no index: one unit, twice.
          { Put: { TableName: indexed, Item: { pk: { S: 's' } } } },
        ],
      }),
    );
    expect(usage.snapshot().dynamodb.tables[indexed]?.writeUnits).toBe(2 + 1 + 2);
    usage.reset();
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          // Out of the index: the same.
          {
            Update: {
              TableName: indexed,
              Key: { pk: { S: 'r' } },
              UpdateExpression: 'REMOVE held',
            },
          },
          // A condition check is billed as a write of the item it read: 2.5 KB is three units, twice.
          {
            ConditionCheck: {
              TableName: table,
              Key: { pk: { S: 'd' } },
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
        ],
      }),
    );
    expect(usage.snapshot().dynamodb.tables).toMatchObject({
      [indexed]: { readUnits: 0, writeUnits: 2 + 1 },
      [table]: { readUnits: 0, writeUnits: 6 },
    });
  });

  it('tells what the units were spent on: the operation and the kind of item its key names, or the index a query read', async () => {
    usage.reset();
    await db.send(
      new PutItemCommand({ TableName: indexed, Item: { pk: { S: 'ORDER#42' }, held: { S: 'HELD#1' } } }),
    );
    await db.send(new GetItemCommand({ TableName: indexed, Key: { pk: { S: 'ORDER#42' } } }));
    await db.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: indexed, Item: { pk: { S: 'OUTBOX#42#1' } } } }],
      }),
    );
    await db.send(
      new QueryCommand({
        TableName: indexed,
        IndexName: 'byHeld',
        KeyConditionExpression: 'held = :held',
        ExpressionAttributeValues: { ':held': { S: 'HELD#1' } },
      }),
    );
    await refusedPut(indexed, 'ORDER#42');
    expect(usage.snapshot().dynamodb.tables[indexed]?.items).toEqual({
      // One unit on the table and one on the index it enters.
      'PutItem ORDER': { readUnits: 0, writeUnits: 2 },
      'GetItem ORDER': { readUnits: 0.5, writeUnits: 0 },
      'TransactPut OUTBOX': { readUnits: 0, writeUnits: 2 },
      'Query byHeld': { readUnits: 0.5, writeUnits: 0 },
      'PutItem ORDER (refused)': { readUnits: 0, writeUnits: 1 },
    });
  });

  it('counts an eventually consistent read as half a unit, a consistent one as one', async () => {
    usage.reset();
    await db.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } } }));
    await db.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } }, ConsistentRead: true }));
    expect(usage.snapshot().dynamodb.readUnits).toBe(1.5);
  });

  it('charges a batch read for the keys it found no item for, as a read of a missing item costs', async () => {
    await db.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'found' } } }));
    usage.reset();
    const keys = ['found', 'missing-1', 'missing-2'].map((pk) => ({ pk: { S: pk } }));
    await db.send(
      new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
    );
    await db.send(new BatchGetItemCommand({ RequestItems: { [table]: { Keys: keys } } }));
    expect(usage.snapshot().dynamodb.tables[table]).toMatchObject({ readUnits: 4.5, writeUnits: 0 });
    expect(usage.snapshot().dynamodb.tables[table]?.items).toEqual({
      'BatchGetItem *': { readUnits: 1.5, writeUnits: 0 },
      'BatchGetItem (not found)': { readUnits: 3, writeUnits: 0 },
    });
  });

  it('hands the client the answer it asked for: no consumed capacity unless requested', async () => {
    const plain = await db.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } } }));
    expect(plain.ConsumedCapacity).toBeUndefined();
    expect(plain.Item?.pk?.S).toBe('a');
    const asked = await db.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL' }),
    );
    expect(asked.ConsumedCapacity?.CapacityUnits).toBe(0.5);
  });

  it('charges a write its condition refused, and passes the refusal on', async () => {
    usage.reset();
    await refusedPut(table, 'a');
    expect(usage.snapshot().dynamodb.writeUnits).toBe(1);
  });

  it('charges a cancelled transaction two units per item, on the items’ table', async () => {
    usage.reset();
    await expect(
      db.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk: { S: 'e' } } } },
            {
              Put: {
                TableName: table,
                Item: { pk: { S: 'a' } },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      ),
    ).rejects.toThrow(/cancel/i);
    expect(usage.snapshot().dynamodb.tables[table]).toEqual({
      readUnits: 0,
      writeUnits: 4,
      items: { 'TransactWriteItems (cancelled)': { readUnits: 0, writeUnits: 4 } },
    });
  });
});
