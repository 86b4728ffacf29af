import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type GlobalSecondaryIndex,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynamoDb, startDynamoDbLocal } from '../../../../local/dynamodb/dynamodb-local.js';
import { alignIndexes, alignStream } from '../../../../local/dynamodb/index-alignment.js';
import { scaled } from '../../../support/time-scale.js';

/*
 * A DynamoDB Local of this file's own, kept on disk as `npm start -- --persist`
 * keeps it. Index changes are background work of the instance: on the one
 * the other suites share, a drop once stayed unfinished for over 30 s in a
 * full run (never alone, nor under CPU load alone).
 */
let directory: string;
let dynamo: RunningDynamoDb;
const db = () => dynamo.client;
const start = () => startDynamoDbLocal({ region: 'us-east-1', persistDirectory: directory });

const ATTRIBUTES = [
  { AttributeName: 'pk', AttributeType: 'S' as const },
  { AttributeName: 'byOwner', AttributeType: 'S' as const },
  { AttributeName: 'byTime', AttributeType: 'S' as const },
];

const index = (IndexName: string, partitionKey: string, projection: 'ALL' | 'KEYS_ONLY') => ({
  IndexName,
  KeySchema: [{ AttributeName: partitionKey, KeyType: 'HASH' as const }],
  Projection: { ProjectionType: projection },
});

/** A table as an earlier version made it, with one item in it. */
const tableOfAnEarlierRun = async (indexes: GlobalSecondaryIndex[]) => {
  const TableName = `align-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await db().send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ATTRIBUTES.filter(
        ({ AttributeName }) =>
          AttributeName === 'pk' ||
          indexes.some((candidate) => candidate.KeySchema?.[0]?.AttributeName === AttributeName),
      ),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: indexes,
    }),
  );
  await db().send(
    new PutItemCommand({
      TableName,
      Item: { pk: { S: 'one' }, byOwner: { S: 'ada' }, byTime: { S: 'today' }, note: { S: 'kept' } },
    }),
  );
  return TableName;
};

const indexesOf = async (TableName: string) =>
  ((await db().send(new DescribeTableCommand({ TableName }))).Table?.GlobalSecondaryIndexes ?? [])
    .map((entry) => `${entry.IndexName}:${entry.Projection?.ProjectionType}`)
    .sort();

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'index-alignment-'));
  dynamo = await start();
});

afterAll(async () => {
  await dynamo?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('aligning a kept table with the template', () => {
  it('leaves a table whose indexes match alone', async () => {
    const TableName = await tableOfAnEarlierRun([index('owner', 'byOwner', 'ALL')]);
    const changes = await alignIndexes(db(), TableName, {
      GlobalSecondaryIndexes: [index('owner', 'byOwner', 'ALL')],
      AttributeDefinitions: ATTRIBUTES,
    });
    expect(changes).toEqual([]);
    expect(await indexesOf(TableName)).toEqual(['owner:ALL']);
  });

  it(
    'drops an index the template no longer has, rebuilds a changed one and builds a new one over the items there',
    async () => {
      const TableName = await tableOfAnEarlierRun([
        index('owner', 'byOwner', 'ALL'),
        index('gone', 'byTime', 'ALL'),
      ]);
      // A later start of the local cloud, on the same directory.
      await dynamo.stop();
      dynamo = await start();
      const changes = await alignIndexes(db(), TableName, {
        GlobalSecondaryIndexes: [
          index('owner', 'byOwner', 'KEYS_ONLY'),
          index('time', 'byTime', 'KEYS_ONLY'),
        ],
        AttributeDefinitions: ATTRIBUTES,
      });
      expect(changes.sort()).toEqual(['built index time', 'dropped index gone', 'rebuilt index owner']);
      expect(await indexesOf(TableName)).toEqual(['owner:KEYS_ONLY', 'time:KEYS_ONLY']);
      const { Items } = await db().send(
        new QueryCommand({
          TableName,
          IndexName: 'time',
          KeyConditionExpression: 'byTime = :today',
          ExpressionAttributeValues: { ':today': { S: 'today' } },
        }),
      );
      expect(Items).toEqual([{ pk: { S: 'one' }, byTime: { S: 'today' } }]);
      // A restart and four index changes, each waited for (about a second each).
    },
    scaled(60_000),
  );

  it('gives a kept table the stream view the template now says, on a new stream', async () => {
    const TableName = await tableOfAnEarlierRun([index('owner', 'byOwner', 'ALL')]);
    const stream = async () => (await db().send(new DescribeTableCommand({ TableName }))).Table;
    expect(await alignStream(db(), TableName, 'NEW_IMAGE')).toEqual(['stream none → NEW_IMAGE']);
    const before = await stream();
    expect(await alignStream(db(), TableName, 'NEW_AND_OLD_IMAGES')).toEqual([
      'stream NEW_IMAGE → NEW_AND_OLD_IMAGES',
    ]);
    const after = await stream();
    expect(after?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(after?.LatestStreamArn).not.toBe(before?.LatestStreamArn);
    expect(await alignStream(db(), TableName, 'NEW_AND_OLD_IMAGES')).toEqual([]);
  });
});
