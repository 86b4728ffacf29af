import { randomUUID } from 'node:crypto';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { AttributeValue } from '../dynamodb-sdk.js';
import type { EventPublisher } from '../events/publisher.js';
import { withHouseMiddleware } from '../middleware.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import { eventsFromRecord } from './outbox.js';

/**
 * Publishes the events of a stream batch's records (outbox items, written
 * items carrying events), in stream order. When some cannot be published
 * after the publisher's retries, it reports the first record holding one as
 * the batch item failure, so Lambda retries from there (events already
 * published may go again, which consumers tolerate by design).
 */
export const outboxRelay = (publisher: () => EventPublisher) =>
  withHouseMiddleware<DynamoDBStreamEvent, DynamoDBBatchResponse>(
    async (stream) => {
      const records = stream.Records.flatMap((record) => {
        const image = record.dynamodb?.NewImage;
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        if (!image || !sequenceNumber) return [];
        return eventsFromRecord(
          image as Record<string, AttributeValue>,
          record.dynamodb?.OldImage as Record<string, AttributeValue> | undefined,
        ).map((event) => ({
          sequenceNumber,
          event,
        }));
      });
      const failed = new Set(await publisher().publish(records.map(({ event }) => event)));
      metrics.addMetric('EventsRelayed', MetricUnit.Count, records.length - failed.size);
      const firstFailure = records.find(({ event }) => failed.has(event));
      if (!firstFailure) return { batchItemFailures: [] };
      logger.warn('Events not published; the stream will retry them', { failed: failed.size });
      return { batchItemFailures: [{ itemIdentifier: firstFailure.sequenceNumber }] };
    },
    () => ({ correlationId: randomUUID() }),
  );
