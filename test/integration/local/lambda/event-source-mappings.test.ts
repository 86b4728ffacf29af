import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { LocalEventSourceMappings } from '../../../../local/lambda/event-source-mappings.js';
import type { FunctionInvoker, InvocationResult } from '../../../../local/lambda/functions.js';
import { LocalQueues } from '../../../../local/sqs/queues.js';
import { fakeAssembly, resolverFor } from '../../../support/local/fake-assembly.js';
import { scaled } from '../../../support/time-scale.js';

const config = () => ({
  endpoint: inject('dynamoDbEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

let running: LocalEventSourceMappings | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** A table with a stream, a mapping from it to a function that records what it gets. */
const streamToFunction = async () => {
  const db = new DynamoDBClient(config());
  const TableName = `mapped-${randomUUID()}`;
  const { TableDescription } = await db.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  const assembly = fakeAssembly({
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: 'Consumer',
        EventSourceArn: TableDescription?.LatestStreamArn,
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 10,
      },
    },
  });
  const received: string[] = [];
  const functions: FunctionInvoker = {
    find: (name) => ({ name, arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}` }),
    invoke: async (_name, event): Promise<InvocationResult> => {
      for (const record of (event as { Records: { dynamodb: { Keys: { pk: { S: string } } } }[] }).Records)
        received.push(record.dynamodb.Keys.pk.S);
      return { ok: true, payload: null };
    },
  };
  const resolver = resolverFor(assembly);
  const mappings = new LocalEventSourceMappings(
    assembly,
    resolver,
    functions,
    new LocalQueues(assembly, resolver),
    {
      dynamoDbEndpoint: config().endpoint,
      log: () => undefined,
    },
  );
  running = mappings;
  mappings.start();
  const put = (pk: string) => db.send(new PutItemCommand({ TableName, Item: { pk: { S: pk } } }));
  return { mappings, received, put };
};

describe('stream readers of the local event source mappings', () => {
  it(
    'read a record soon after a wake-up, even when the first read after it finds nothing yet',
    async () => {
      const { mappings, received, put } = await streamToFunction();
      await put('first');
      await vi.waitFor(() => expect(received).toEqual(['first']), { timeout: scaled(5_000), interval: 20 });
      // Idle long enough for the reader to back off to seconds between reads.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      // A wake-up whose read comes before the record is readable (as when a stream lags its table):
      mappings.wake();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await put('second');
      const started = Date.now();
      await vi.waitFor(() => expect(received).toEqual(['first', 'second']), {
        timeout: scaled(5_000),
        interval: 20,
      });
      // Read again within a second or so, not after the idle back-off of several seconds.
      expect(Date.now() - started).toBeLessThan(scaled(2_000));
    },
    scaled(20_000),
  );
});
