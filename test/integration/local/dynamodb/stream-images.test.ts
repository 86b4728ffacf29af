import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { OrderAddressChanged } from '../../../../functions/orders/contracts/events.js';
import { carriedEvents, eventsFromRecord } from '../../../../functions/shared/outbox/outbox.js';
import { withEmptyMaps } from '../../../../local/dynamodb/stream-images.js';

const config = () => ({
  endpoint: inject('dynamoDbEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

/** The first stream record of a fresh table after writing `item`, as the local mapping reads it. */
const streamed = async (item: Record<string, AttributeValue>) => {
  const db = new DynamoDBClient(config());
  const { TableDescription } = await db.send(
    new CreateTableCommand({
      TableName: `stream-${randomUUID()}`,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await db.send(new PutItemCommand({ TableName: TableDescription?.TableName, Item: item }));
  const streams = new DynamoDBStreamsClient(config());
  const StreamArn = TableDescription?.LatestStreamArn;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn,
      ShardId: StreamDescription?.Shards?.[0]?.ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    }),
  );
  const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }));
  const record = Records[0]?.dynamodb;
  if (!record) throw new Error('no stream record');
  return record;
};

describe('stream records as the local cloud hands them to Lambda', () => {
  it('gives an empty map as AWS does ({ M: {} }), at any depth, so the relay reads the record', async () => {
    const event = OrderAddressChanged.create({ orderId: 'o-1', userId: 'u-1' });
    const record = await streamed({
      pk: { S: 'ORDER#o-1' },
      empty: { M: {} },
      nested: { L: [{ M: { inner: { M: {} } } }, { L: [] }] },
      outboxEvents: { S: carriedEvents([event]) },
    });
    // What DynamoDB Local's stream gives through the SDK: the empty map has no type.
    expect(record.NewImage?.empty).toEqual({});
    const image = withEmptyMaps(record).NewImage ?? {};
    expect(unmarshall(image as Record<string, AttributeValue>)).toEqual({
      pk: 'ORDER#o-1',
      empty: {},
      nested: [{ inner: {} }, []],
      outboxEvents: carriedEvents([event]),
    });
    expect(eventsFromRecord(image as Record<string, AttributeValue>)).toEqual([event]);
  });
});
