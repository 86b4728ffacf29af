import { type AttributeValue, unmarshall } from '../dynamodb-sdk.js';
import type { DomainEvent, EventDetail } from '../events/define-event.js';

/**
 * The transactional outbox. A use case's state change and the events it causes
 * are written together, atomically, in the service's own table, and the
 * table's stream hands them to the relay, which publishes them. Two forms:
 *
 * - **Carried** by an item the write inserts or changes (an order, a payment,
 *   a reservation): the events ride in its `outboxEvents` attribute, and the
 *   item's stream record brings them to the relay, which publishes those the
 *   old image did not carry. No item more to write, and a single-item write
 *   needs no transaction (which bills every item twice). A later write of the
 *   item that causes no events removes the attribute, so that its record is
 *   not even handed to the relay.
 * - **Outbox items**, for a write that leaves no item to carry them (a
 *   deletion), and for items every order reads or writes (stock levels,
 *   products), whose every later change would otherwise reach the relay:
 *   one item per event, in the same transaction, expiring by TTL once relayed.
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

/** The attribute of an item that carries the events its latest write caused. */
export const CARRIED_EVENTS_ATTRIBUTE = 'outboxEvents';

/**
 * The item, carrying `events` (none: the item unchanged). Written whole (a
 * put), it replaces whatever the item carried before.
 */
export const carryingEvents = <T extends object>(item: T, events: readonly DomainEvent[]): T =>
  events.length === 0 ? item : { ...item, [CARRIED_EVENTS_ATTRIBUTE]: carriedEvents(events) };

/** The attribute's value for `events`: for an update that sets it (`SET outboxEvents = :events`). */
export const carriedEvents = (events: readonly DomainEvent[]): string =>
  JSON.stringify(events.map(({ source, detailType, detail }) => ({ source, detailType, detail })));

type Image = Record<string, AttributeValue>;

const carried = (image: Image | undefined): DomainEvent[] => {
  const value = image?.[CARRIED_EVENTS_ATTRIBUTE]?.S;
  return value ? (JSON.parse(value) as DomainEvent[]) : [];
};

/**
 * The events a stream record brings: a new outbox item's one, or those the
 * item's new image carries that its old image did not (a record delivered
 * again, or a change that left the attribute as it was, brings none anew).
 */
export const eventsFromRecord = (newImage: Image, oldImage?: Image): DomainEvent[] => {
  const item = unmarshall(newImage) as Partial<OutboxItem>;
  if (item.kind === OUTBOX_KIND && item.source && item.detailType && item.detail)
    return [
      {
        source: item.source,
        detailType: item.detailType,
        detail: JSON.parse(item.detail) as EventDetail<unknown>,
      },
    ];
  const before = new Set(carried(oldImage).map((event) => event.detail.metadata.eventId));
  return carried(newImage).filter((event) => !before.has(event.detail.metadata.eventId));
};

/** Lambda event-source filters (either passes): new outbox items, and written items carrying events. */
export const OUTBOX_STREAM_FILTERS = [
  { eventName: ['INSERT'], dynamodb: { NewImage: { kind: { S: [OUTBOX_KIND] } } } },
  {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: { NewImage: { [CARRIED_EVENTS_ATTRIBUTE]: { S: [{ exists: true }] } } },
  },
] as const;

/** The attribute that DynamoDB's TTL reads on every service table. */
export const TTL_ATTRIBUTE = 'expiresAt';
