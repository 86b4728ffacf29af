import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { currentCorrelation, withCorrelation } from '../../../../functions/shared/correlation.js';
import { type DomainEvent, defineEvent } from '../../../../functions/shared/events/define-event.js';
import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../../../functions/shared/events/event-consumer.js';
import { dynamoInbox, inMemoryInbox } from '../../../../functions/shared/events/inbox.js';
import { lambdaContext } from '../../../support/api-gateway.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { Pinged } from '../../../support/test-events.js';

const Ponged = defineEvent({
  source: 'shop.test',
  detailType: 'Ponged',
  version: 1,
  data: z.object({ text: z.string() }),
});

/** The event as EventBridge hands it to a target. */
const envelope = (event: DomainEvent) => ({
  version: '0',
  id: 'eb-id',
  source: event.source,
  'detail-type': event.detailType,
  account: '000000000000',
  time: '2026-11-22T10:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: JSON.parse(JSON.stringify(event.detail)) as unknown,
});

const sqsBatch = (bodies: string[]): SQSEvent => ({
  Records: bodies.map((body, index) => ({
    messageId: `m-${index}`,
    receiptHandle: `r-${index}`,
    body,
    attributes: {} as SQSEvent['Records'][number]['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
    awsRegion: 'us-east-1',
  })),
});

describe('eventConsumer', () => {
  it('hands the use case each event parsed by its definition, with the correlation of its producer', async () => {
    const seen: unknown[] = [];
    const handler = eventConsumer(
      [Pinged, Ponged],
      async (event) => {
        seen.push({ type: event.detailType, data: event.detail.data, correlation: currentCorrelation() });
      },
      { name: 'Test', inbox: inMemoryInbox },
    );
    const ping = withCorrelation({ correlationId: 'corr-7' }, () => Pinged.create({ n: 1 }));
    await handler(envelope(ping), lambdaContext());
    expect(seen).toEqual([
      {
        type: 'Pinged',
        data: { n: 1 },
        correlation: { correlationId: 'corr-7', causationId: ping.detail.metadata.eventId },
      },
    ]);
  });

  it('fails an EventBridge invocation whose event breaks its schema, so it is retried and dead-lettered', async () => {
    const handler = eventConsumer([Pinged], async () => undefined, { name: 'Test', inbox: inMemoryInbox });
    const broken = envelope(Pinged.create({ n: 1 }));
    await expect(
      handler({ ...broken, detail: { metadata: {}, data: { n: 'one' } } }, lambdaContext()),
    ).rejects.toThrow();
  });

  it('reports only the failed messages of an SQS batch', async () => {
    const handler = eventConsumer(
      [Pinged],
      async (event) => {
        if (event.detail.data.n === 2) throw new Error('cannot handle 2');
      },
      { name: 'Test', inbox: inMemoryInbox },
    );
    const bodies = [1, 2, 3].map((n) => JSON.stringify(envelope(Pinged.create({ n }))));
    const result = await handler(
      sqsBatch([...bodies, 'not json', JSON.stringify(envelope(Ponged.create({ text: 'x' })))]),
      lambdaContext(),
    );
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-3' }, { itemIdentifier: 'm-4' }],
    });
  });

  it('handles an event once however often it is delivered, and again after a failed attempt', async () => {
    const db = dynamoDbLocalClient();
    const inbox = dynamoInbox(db, await createTable(db, { partitionKey: 'pk', sortKey: 'sk', indexes: {} }));
    let calls = 0;
    let failNext = true;
    const handler = eventConsumer(
      [Pinged],
      async () => {
        calls++;
        if (failNext) {
          failNext = false;
          throw new Error('not this time');
        }
      },
      { name: 'Counter', inbox: () => inbox },
    );
    const event = envelope(Pinged.create({ n: 1 }));
    await expect(handler(event, lambdaContext())).rejects.toThrow('not this time');
    await handler(event, lambdaContext());
    await handler(event, lambdaContext());
    await handler(sqsBatch([JSON.stringify(event)]), lambdaContext());
    expect(calls).toBe(2);
    await handler(envelope(Pinged.create({ n: 1 })), lambdaContext());
    expect(calls).toBe(3);
  });

  it('leaves duplicates to a use case that is idempotent by itself, writing no inbox record', async () => {
    const db = dynamoDbLocalClient();
    const table = await createTable(db, { partitionKey: 'pk', sortKey: 'sk', indexes: {} });
    const handler = eventConsumer(
      [Pinged],
      async (event) => {
        // A write keyed by the event's id: a duplicate writes the same item again.
        await db.send(
          new PutCommand({
            TableName: table,
            Item: { pk: `PING#${event.detail.metadata.eventId}`, sk: 'PING' },
          }),
        );
      },
      { name: 'Keyed', inbox: IDEMPOTENT_USE_CASE },
    );
    const pinged = Pinged.create({ n: 1 });
    const event = envelope(pinged);
    await handler(event, lambdaContext());
    await handler(sqsBatch([JSON.stringify(event)]), lambdaContext());
    const { Items } = await db.send(new ScanCommand({ TableName: table, ConsistentRead: true }));
    expect(Items).toEqual([{ pk: `PING#${pinged.detail.metadata.eventId}`, sk: 'PING' }]);
  });
});
