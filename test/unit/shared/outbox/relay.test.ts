import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../../functions/shared/events/define-event.js';
import type { EventPublisher } from '../../../../functions/shared/events/publisher.js';
import { carryingEvents, outboxItem } from '../../../../functions/shared/outbox/outbox.js';
import { outboxRelay } from '../../../../functions/shared/outbox/relay.js';
import { lambdaContext } from '../../../support/api-gateway.js';
import { Pinged } from '../../../support/test-events.js';

type Image = NonNullable<DynamoDBStreamEvent['Records'][number]['dynamodb']>['NewImage'];

/** A stream batch of INSERT records, one per new item. */
const streamOfItems = (items: object[]): DynamoDBStreamEvent => ({
  Records: items.map((item, index) => ({
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: String(100 + index), NewImage: marshall(item) as Image },
  })),
});

const streamOf = (events: DomainEvent[]) => streamOfItems(events.map((event) => outboxItem(event)));

const recordingPublisher = (fails: (event: DomainEvent) => boolean = () => false) => {
  const published: DomainEvent[] = [];
  const publisher: EventPublisher = {
    publish: async (events) => {
      published.push(...events.filter((event) => !fails(event)));
      return events.filter(fails);
    },
  };
  return { publisher, published };
};

describe('outboxRelay', () => {
  it('publishes every outbox item of the batch as the event it stores', async () => {
    const events = [Pinged.create({ n: 1 }), Pinged.create({ n: 2 })];
    const { publisher, published } = recordingPublisher();
    const result = await outboxRelay(() => publisher)(streamOf(events), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(published).toEqual(events);
  });

  it('publishes the events an inserted item carries, in order, with the outbox items around it', async () => {
    const [first, second, third] = [
      Pinged.create({ n: 1 }),
      Pinged.create({ n: 2 }),
      Pinged.create({ n: 3 }),
    ];
    const { publisher, published } = recordingPublisher();
    const stream = streamOfItems([
      outboxItem(first),
      carryingEvents({ pk: 'PAYMENT#o-1', sk: 'PAYMENT', status: 'CHARGED' }, [second, third]),
      { pk: 'PAYMENT#o-2', sk: 'PAYMENT', status: 'CHARGED' },
    ]);
    const result = await outboxRelay(() => publisher)(stream, lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(published).toEqual([first, second, third]);
  });

  it('publishes what a changed item carries anew, not what it carried before the change', async () => {
    const [placed, confirmed] = [Pinged.create({ n: 1 }), Pinged.create({ n: 2 })];
    const pending = carryingEvents({ pk: 'ORDER#o-1', sk: 'ORDER', status: 'PENDING' }, [placed]);
    const done = carryingEvents({ ...pending, status: 'CONFIRMED' }, [confirmed]);
    const { publisher, published } = recordingPublisher();
    const stream: DynamoDBStreamEvent = {
      Records: [
        { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(pending) as Image } },
        {
          eventName: 'MODIFY',
          dynamodb: {
            SequenceNumber: '2',
            NewImage: marshall(done) as Image,
            OldImage: marshall(pending) as Image,
          },
        },
        {
          eventName: 'MODIFY',
          dynamodb: {
            SequenceNumber: '3',
            NewImage: marshall({ ...done, shipmentClaimedAt: 'now' }) as Image,
            OldImage: marshall(done) as Image,
          },
        },
      ],
    };
    expect(await outboxRelay(() => publisher)(stream, lambdaContext())).toEqual({ batchItemFailures: [] });
    expect(published).toEqual([placed, confirmed]);
  });

  it('reports the first unpublished record so the stream retries from there', async () => {
    const events = [Pinged.create({ n: 1 }), Pinged.create({ n: 2 }), Pinged.create({ n: 3 })];
    const { publisher } = recordingPublisher((event) => (event.detail.data as { n: number }).n >= 2);
    const result = await outboxRelay(() => publisher)(streamOf(events), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }] });
  });
});
