import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DomainEvent, EventDetail } from '../events/define-event.js';

/**
 * The transactional outbox. A use case's state change and the events it causes
 * are written in one DynamoDB transaction: the events as outbox items in the
 * service's own table. The table's stream hands every new outbox item to the
 * relay, which publishes it. Outbox items expire by TTL once relayed.
 */
export const OUTBOX_KIND = 'OUTBOX';

/** How long an outbox item stays in the table: longer than any stream retry, short enough to cost nothing. */
const OUTBOX_RETENTION_SECONDS = 2 * 24 * 60 * 60;

export interface OutboxItem {
  readonly pk: string;
  readonly sk: string;
  readonly kind: typeof OUTBOX_KIND;
  readonly source: string;
  readonly detailType: string;
  readonly detail: string;
  readonly expiresAt: number;
}

export const outboxItem = (event: DomainEvent, now = new Date()): OutboxItem => ({
  pk: `${OUTBOX_KIND}#${event.detail.metadata.eventId}`,
  sk: OUTBOX_KIND,
  kind: OUTBOX_KIND,
  source: event.source,
  detailType: event.detailType,
  detail: JSON.stringify(event.detail),
  expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_RETENTION_SECONDS,
});

/** The event stored in an outbox item's stream image. */
export const eventFromOutboxImage = (image: Record<string, AttributeValue>): DomainEvent => {
  const item = unmarshall(image) as OutboxItem;
  return {
    source: item.source,
    detailType: item.detailType,
    detail: JSON.parse(item.detail) as EventDetail<unknown>,
  };
};

/** Lambda event-source filter: only new outbox items reach the relay. */
export const OUTBOX_STREAM_FILTER = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { kind: { S: [OUTBOX_KIND] } } },
} as const;

/** The attribute that DynamoDB's TTL reads on every service table. */
export const TTL_ATTRIBUTE = 'expiresAt';
