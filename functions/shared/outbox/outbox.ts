import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DomainEvent, EventDetail } from '../events/define-event.js';

/**
 * The transactional outbox. A use case's state change and the events it causes
 * are written together, atomically, in the service's own table, and the
 * table's stream hands them to the relay, which publishes them. Two forms:
 *
 * - **Carried** by an item the write inserts (a timeline entry, a payment, a
 *   reservation): the events ride in its `outboxEvents` attribute, and the
 *   item's INSERT record brings them to the relay. No item more to write, and
 *   a single-item write needs no transaction (which bills every item twice).
 *   Only an insert carries: later changes of the item are not relayed.
 * - **Outbox items**, for a write that inserts nothing (a status change, a
 *   stock update): one item per event, in the same transaction, expiring by
 *   TTL once relayed.
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

/** The attribute of an inserted item that carries the events its write caused. */
export const CARRIED_EVENTS_ATTRIBUTE = 'outboxEvents';

/**
 * The item, carrying `events` (none: the item unchanged). Its write must be an
 * insert (conditioned on the item not existing): only INSERT records are relayed.
 */
export const carryingEvents = <T extends object>(item: T, events: readonly DomainEvent[]): T =>
  events.length === 0
    ? item
    : {
        ...item,
        [CARRIED_EVENTS_ATTRIBUTE]: JSON.stringify(
          events.map(({ source, detailType, detail }) => ({ source, detailType, detail })),
        ),
      };

/** The events in a new item's stream image: an outbox item's one, or those an inserted item carries. */
export const eventsFromImage = (image: Record<string, AttributeValue>): DomainEvent[] => {
  const item = unmarshall(image) as Partial<OutboxItem> & { [CARRIED_EVENTS_ATTRIBUTE]?: string };
  if (item.kind === OUTBOX_KIND && item.source && item.detailType && item.detail)
    return [
      {
        source: item.source,
        detailType: item.detailType,
        detail: JSON.parse(item.detail) as EventDetail<unknown>,
      },
    ];
  const carried = item[CARRIED_EVENTS_ATTRIBUTE];
  return carried ? (JSON.parse(carried) as DomainEvent[]) : [];
};

/** Lambda event-source filters (either passes): new outbox items, and inserted items carrying events. */
export const OUTBOX_STREAM_FILTERS = [
  { eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: [OUTBOX_KIND] } } } },
  {
    eventName: ['INSERT'],
    dynamodb: { NewImage: { [CARRIED_EVENTS_ATTRIBUTE]: { S: [{ exists: true }] } } },
  },
] as const;

/** The attribute that DynamoDB's TTL reads on every service table. */
export const TTL_ATTRIBUTE = 'expiresAt';
