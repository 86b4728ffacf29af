import { isDeepStrictEqual } from 'node:util';
import { batchGetAll, queryAll, queryIndexPage, whenConditionHolds } from '../../shared/dynamodb.js';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '../../shared/dynamodb-sdk.js';
import { CARRIED_EVENTS_ATTRIBUTE, carriedEvents, carryingEvents } from '../../shared/outbox/outbox.js';
import { anonymizedAddress } from '../contracts/schemas.js';
import { OPEN_ORDER_STATUSES } from '../contracts/vocabulary.js';
import type { HistoryEntry, Order } from '../domain/order.js';
import type { OrderStore } from '../use-cases/ports.js';
import { duePartitions, OrderKind, OrdersTable, statusPartitions } from './orders-table.js';

const orderKey = OrderKind.key;
/** The record that a customer deleted their account (orders-table.ts). */
const forgottenKey = (userId: string) => ({ pk: `CUSTOMER#${userId}`, sk: 'FORGOTTEN' });
const HISTORY = 'HISTORY#';
const historyKey = (orderId: string, entry: HistoryEntry) => ({
  pk: orderKey(orderId).pk,
  sk: `${HISTORY}${entry.at}#${entry.eventId}`,
});

type OrderKeys = {
  pk: string;
  sk: string;
  customerPk: string;
  customerSk: string;
  statusShard: string;
  dueShard?: string;
};

/**
 * What an order's own timeline entries leave out when they hold the same as
 * the order (a placed or confirmed order's lines and total, which never
 * change): the order item then holds them once, not three times, and reading
 * the timeline puts them back. A three-line order's item stays under 2 KB.
 */
const HELD_BY_ORDER = ['items', 'total'] as const;
/**
 * An entry as the order item keeps it: without a `detail` left empty (an event with no facts but
 * its ids, as OrderAddressChanged): the item, which every change rewrites, carries nothing it needs not.
 */
type StoredEntry = Omit<HistoryEntry, 'detail'> & {
  detail?: HistoryEntry['detail'];
  fromOrder?: string[];
};

const stored = (entry: HistoryEntry, order: Order): StoredEntry => {
  const fromOrder: string[] = HELD_BY_ORDER.filter(
    (name) => name in entry.detail && isDeepStrictEqual(entry.detail[name], order[name]),
  );
  const { detail: _whole, ...rest } = entry;
  if (fromOrder.length === 0) return Object.keys(entry.detail).length > 0 ? entry : rest;
  const detail = Object.fromEntries(
    Object.entries(entry.detail).filter(([name]) => !fromOrder.includes(name)),
  );
  return { ...rest, ...(Object.keys(detail).length > 0 ? { detail } : {}), fromOrder };
};

const whole = ({ fromOrder = [], detail = {}, ...entry }: StoredEntry, order: Order): HistoryEntry => ({
  ...entry,
  detail: { ...detail, ...Object.fromEntries(fromOrder.map((name) => [name, order[name as keyof Order]])) },
});
/** Where a listing of the customer index goes on from: the index's keys and the table's. */
const customerPageKey = ({ pk, sk, customerPk, customerSk }: OrderKeys) => ({
  pk,
  sk,
  customerPk,
  customerSk,
});
/** The order's own changes are in its `timeline`; other services' events are items of their own. */
type OrderItem = Order & OrderKeys & { timeline?: StoredEntry[]; outboxEvents?: string };

const orderItem = (order: Order): Omit<OrderItem, 'timeline'> => ({
  ...orderKey(order.orderId),
  customerPk: `CUSTOMER#${order.userId}`,
  customerSk: `${order.createdAt}#${order.orderId}`,
  statusShard: statusPartitions(order.status).of(order.orderId),
  // In the due index while it has a due time.
  ...(order.dueAt ? { dueShard: duePartitions.of(order.orderId) } : {}),
  ...order,
});

const toOrder = (item: OrderItem): Order => {
  const {
    pk: _pk,
    sk: _sk,
    customerPk: _cpk,
    customerSk: _csk,
    statusShard: _statusShard,
    dueShard: _dueShard,
    timeline: _timeline,
    outboxEvents: _carried,
    ...order
  } = item;
  return order;
};

/** What an order may hold or not, so that a change replaces the order whole. */
const OPTIONAL: readonly (keyof Order)[] = [
  'cancellationReason',
  'cancelRequestedAt',
  'shipmentClaimedAt',
  'returnedAt',
  'abandonedAt',
  'dueAt',
  'stalls',
];
/** Set once, with the order: its keys, its customer index keys. */
const FIXED = new Set(['pk', 'sk', 'customerPk', 'customerSk']);

/**
 * Oldest first; the event id orders entries of the same instant, as the table's sort key does.
 * An event recorded twice (its own item, and the order's timeline) is one entry.
 */
const byTime = (a: HistoryEntry, b: HistoryEntry) =>
  `${a.at}#${a.eventId}`.localeCompare(`${b.at}#${b.eventId}`);

/** The condition that the order is still at the revision `seen` (`:seen`), as it was read. */
const atRevision = (seen: number | undefined) =>
  seen === undefined ? 'attribute_not_exists(revision)' : 'revision = :seen';

const entryOf = ({ eventId, type, at, detail }: HistoryEntry): HistoryEntry => ({
  eventId,
  type,
  at,
  detail,
});

/**
 * An order and its own changes are one item: placing it and every change of
 * its status are single writes (no transaction, which would bill each item
 * twice), the item carrying the change's events to the outbox relay and its
 * timeline entries.
 */
export const dynamoOrderStore = (db: DynamoDBDocumentClient, tableName: string): OrderStore => {
  const get = async (orderId: string) => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    return Item ? toOrder(Item as OrderItem) : undefined;
  };

  /**
   * Sets a few attributes of the order under a condition, one revision on.
   * The events the order carries were relayed with the change that caused
   * them: they go, so the stream record of this write brings none.
   */
  const mark = (orderId: string, set: string, condition: string, values: Record<string, unknown>) =>
    whenConditionHolds(
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: orderKey(orderId),
          UpdateExpression: `SET ${set} REMOVE ${CARRIED_EVENTS_ATTRIBUTE} ADD revision :one`,
          ConditionExpression: condition,
          ...(condition.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: { ':one': 1, ...values },
        }),
      ),
    );

  /** The orders an index listed by their keys, in the index's order (an index keeping only keys). */
  const ordersAt = async (keys: readonly Pick<OrderKeys, 'pk' | 'sk'>[]): Promise<Order[]> => {
    const found = new Map(
      (
        await batchGetAll<OrderItem>(
          db,
          tableName,
          keys.map(({ pk, sk }) => ({ pk, sk })),
        )
      ).map((item) => [item.pk, toOrder(item)]),
    );
    return keys.flatMap(({ pk }) => found.get(pk) ?? []);
  };

  return {
    get,

    async listByCustomer(userId, { limit, after }) {
      const index = OrdersTable.indexes.byCustomer;
      const { items: keys, next } = await queryIndexPage<OrderKeys>(
        db,
        tableName,
        index,
        `CUSTOMER#${userId}`,
        {
          limit,
          newestFirst: true,
          ...(after ? { after } : {}),
          keyOf: customerPageKey,
        },
      );
      // The index keeps the keys only: the orders themselves, in the index's order.
      const items = await ordersAt(keys);
      return { items, ...(next ? { next } : {}) };
    },

    async newestOrderIds(userId, limit) {
      const { items } = await queryIndexPage<OrderKeys>(
        db,
        tableName,
        OrdersTable.indexes.byCustomer,
        `CUSTOMER#${userId}`,
        { limit, newestFirst: true, keyOf: customerPageKey },
      );
      return items.map(OrderKind.idOf);
    },

    async statuses(orderIds) {
      const items = await batchGetAll<OrderItem>(db, tableName, orderIds.map(orderKey));
      return new Map(items.map((item) => [item.orderId, item.status]));
    },

    async history(orderId) {
      const entries: HistoryEntry[] = [];
      // The order item and its timeline entries share the partition.
      const items = await queryAll<(OrderItem | HistoryEntry) & { sk: string }>(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': orderKey(orderId).pk },
        ConsistentRead: true,
      });
      for (const item of items) {
        if (item.sk === OrderKind.sk) {
          const order = item as OrderItem;
          entries.push(...(order.timeline ?? []).map((entry) => entryOf(whole(entry, order))));
        } else if (item.sk.startsWith(HISTORY)) entries.push(entryOf(item as HistoryEntry));
      }
      const once = new Map(entries.map((entry) => [entry.eventId, entry]));
      return [...once.values()].sort(byTime);
    },

    async place(order, events, history) {
      const placed = await whenConditionHolds(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: carryingEvents(
              { ...orderItem(order), timeline: history.map((entry) => stored(entry, order)) },
              events,
            ),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (placed) return { placed: true };
      const existing = await get(order.orderId);
      if (!existing) throw new Error(`Order ${order.orderId} exists, yet could not be read`);
      return { placed: false, existing };
    },

    transition(next, from, events, history) {
      const { revision: seen, ...order } = next;
      const item = orderItem(order) as Record<string, unknown>;
      const changed = Object.keys(item).filter((name) => !FIXED.has(name) && item[name] !== undefined);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':from': from };
      const set = changed.map((name, index) => {
        names[`#a${index}`] = name;
        values[`:a${index}`] = item[name];
        return `#a${index} = :a${index}`;
      });
      const remove = OPTIONAL.filter((name) => next[name] === undefined).map(String);
      if (next.dueAt === undefined) remove.push('dueShard');
      if (history.length > 0) {
        set.push('timeline = list_append(if_not_exists(timeline, :none), :entries)');
        values[':none'] = [];
        values[':entries'] = history.map((entry) => stored(entry, next));
      }
      if (events.length > 0) {
        set.push(`${CARRIED_EVENTS_ATTRIBUTE} = :events`);
        values[':events'] = carriedEvents(events);
      } else remove.push(CARRIED_EVENTS_ATTRIBUTE);
      names['#status'] = 'status';
      // An abandoned order stays abandoned as it was: a confirmation cannot pass the gate.
      const abandonment =
        next.abandonedAt === undefined
          ? 'attribute_not_exists(abandonedAt)'
          : '(attribute_not_exists(abandonedAt) OR abandonedAt = :abandonedAt)';
      if (next.abandonedAt !== undefined) values[':abandonedAt'] = next.abandonedAt;
      // Over the revision the change was decided on: nothing written since is undone by it.
      const unchanged = atRevision(seen);
      if (seen !== undefined) values[':seen'] = seen;
      values[':one'] = 1;
      return whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(next.orderId),
            UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''} ADD revision :one`,
            ConditionExpression: `#status = :from AND ${abandonment} AND ${unchanged}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      );
    },

    requestCancellation: (orderId, at, dueAt) =>
      mark(
        orderId,
        'cancelRequestedAt = :at, dueAt = :dueAt, dueShard = :shard',
        '#status = :confirmed AND attribute_not_exists(cancelRequestedAt) AND attribute_not_exists(shipmentClaimedAt)',
        { ':at': at, ':dueAt': dueAt, ':shard': duePartitions.of(orderId), ':confirmed': 'CONFIRMED' },
      ),

    abandon: (orderId, at) =>
      mark(orderId, 'abandonedAt = :at', '#status = :pending AND attribute_not_exists(abandonedAt)', {
        ':at': at,
        ':pending': 'PENDING',
      }),

    async overdueOrderIds(now, limit) {
      const shards = await Promise.all(
        duePartitions.all.map(async (partition) => {
          const { Items = [] } = await db.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: OrdersTable.indexes.byDue.name,
              KeyConditionExpression: 'dueShard = :shard AND dueAt < :now',
              ExpressionAttributeValues: { ':shard': partition, ':now': now.toISOString() },
              Limit: limit,
            }),
          );
          return Items as (OrderKeys & { dueAt: string })[];
        }),
      );
      return shards
        .flat()
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .slice(0, limit)
        .map(OrderKind.idOf);
    },

    reschedule: (orderId, dueAt, next) =>
      mark(orderId, 'dueAt = :next, stalls = :stalls', 'dueAt = :dueAt', {
        ':dueAt': dueAt,
        ':next': next.dueAt,
        ':stalls': next.stalls,
      }),

    claimShipment: (orderId, at, seen) =>
      mark(
        orderId,
        'shipmentClaimedAt = :at',
        `#status = :confirmed AND ${atRevision(seen)} AND attribute_not_exists(cancelRequestedAt) AND attribute_not_exists(shipmentClaimedAt)`,
        { ':at': at, ':confirmed': 'CONFIRMED', ...(seen === undefined ? {} : { ':seen': seen }) },
      ),

    changeAddress: (next, events, history) =>
      whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(next.orderId),
            UpdateExpression: `SET shippingAddress = :address, updatedAt = :updatedAt, timeline = list_append(if_not_exists(timeline, :none), :entries)${events.length > 0 ? `, ${CARRIED_EVENTS_ATTRIBUTE} = :events` : ''} ADD revision :one`,
            // mayChangeAddress, as one condition.
            ConditionExpression:
              '#status IN (:pending, :confirmed) AND attribute_not_exists(shipmentClaimedAt) AND attribute_not_exists(cancelRequestedAt) AND attribute_not_exists(abandonedAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':address': next.shippingAddress,
              ':updatedAt': next.updatedAt,
              ':none': [],
              ':entries': history.map((entry) => stored(entry, next)),
              ':pending': 'PENDING',
              ':confirmed': 'CONFIRMED',
              ...(events.length > 0 ? { ':events': carriedEvents(events) } : {}),
            },
          }),
        ),
      ),

    async forgetCustomer(userId, at) {
      await db.send(
        new PutCommand({ TableName: tableName, Item: { ...forgottenKey(userId), userId, forgottenAt: at } }),
      );
    },

    async isForgotten(userId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: forgottenKey(userId) }));
      return Item !== undefined;
    },

    async anonymize(orderId, at, events) {
      const order = await get(orderId);
      if (!order) return false;
      const open = Object.fromEntries(OPEN_ORDER_STATUSES.map((status, index) => [`:open${index}`, status]));
      return whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(orderId),
            UpdateExpression: `SET shippingAddress = :address, anonymizedAt = :at, ${CARRIED_EVENTS_ATTRIBUTE} = :events ADD revision :one`,
            ConditionExpression: `NOT (#status IN (${Object.keys(open).join(', ')}))`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':address': anonymizedAddress(order.shippingAddress),
              ':at': at,
              ':events': carriedEvents(events),
              ':one': 1,
              ...open,
            },
          }),
        ),
      );
    },

    markReturned: (orderId, at, dueAt) =>
      mark(
        orderId,
        'returnedAt = :at, cancelRequestedAt = :at, dueAt = :dueAt, dueShard = :shard',
        // isOnItsWay, and no cancellation asked for yet.
        '(#status = :shipped OR (#status = :confirmed AND attribute_exists(shipmentClaimedAt))) AND attribute_not_exists(cancelRequestedAt)',
        {
          ':at': at,
          ':dueAt': dueAt,
          ':shard': duePartitions.of(orderId),
          ':shipped': 'SHIPPED',
          ':confirmed': 'CONFIRMED',
        },
      ),

    async listByStatus(statuses, { limit, before }) {
      // Each shard of each status, newest first, one more than a page: merged, they show whether more exist.
      const shards = await Promise.all(
        statuses
          .flatMap((status) => statusPartitions(status).all)
          .map(async (partition) => {
            const { Items = [] } = await db.send(
              new QueryCommand({
                TableName: tableName,
                IndexName: OrdersTable.indexes.byStatus.name,
                KeyConditionExpression: `statusShard = :shard${before ? ' AND customerSk < :before' : ''}`,
                ExpressionAttributeValues: { ':shard': partition, ...(before ? { ':before': before } : {}) },
                ScanIndexForward: false,
                Limit: limit + 1,
              }),
            );
            return Items as OrderKeys[];
          }),
      );
      const merged = shards.flat().sort((a, b) => b.customerSk.localeCompare(a.customerSk));
      const keys = merged.slice(0, limit);
      // The index is eventually consistent: an order that has moved on since is not shown under its old status.
      const items = (await ordersAt(keys)).filter((order) => statuses.includes(order.status));
      const last = keys.at(-1);
      return { items, ...(merged.length > limit && last ? { next: last.customerSk } : {}) };
    },

    async recordHistory(orderId, entry) {
      // An entry already there is the same event delivered again.
      await whenConditionHolds(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...historyKey(orderId, entry), ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
    },
  };
};
