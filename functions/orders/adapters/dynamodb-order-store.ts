import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  batchGetAll,
  conditionFailedAt,
  outboxPuts,
  queryIndexPage,
  whenConditionHolds,
} from '../../shared/dynamodb.js';
import type { DomainEvent } from '../../shared/events/define-event.js';
import { carryingEvents } from '../../shared/outbox/outbox.js';
import type { HistoryEntry, Order } from '../domain/order.js';
import type { OrderStore } from '../use-cases/ports.js';
import { OrdersTable } from './orders-table.js';

const ORDER = 'ORDER';
const orderKey = (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: ORDER });
const historyKey = (orderId: string, entry: HistoryEntry) => ({
  pk: `ORDER#${orderId}`,
  sk: `HISTORY#${entry.at}#${entry.eventId}`,
});

type OrderKeys = { pk: string; sk: string; customerPk: string; customerSk: string };
type OrderItem = Order & OrderKeys;

const orderItem = (order: Order): OrderItem => ({
  ...orderKey(order.orderId),
  customerPk: `CUSTOMER#${order.userId}`,
  customerSk: `${order.createdAt}#${order.orderId}`,
  ...order,
});

const toOrder = (item: OrderItem): Order => {
  const { pk: _pk, sk: _sk, customerPk: _cpk, customerSk: _csk, ...order } = item;
  return order;
};

/**
 * The new timeline entries of a change, the first carrying the events the
 * change causes (an entry is inserted once: its INSERT record relays them);
 * outbox items when a change adds no entry.
 */
const historyPutsWithEvents = (
  tableName: string,
  orderId: string,
  history: readonly HistoryEntry[],
  events: readonly DomainEvent[],
) =>
  history.length === 0
    ? outboxPuts(tableName, events)
    : history.map((entry, index) => ({
        Put: {
          TableName: tableName,
          Item: carryingEvents({ ...historyKey(orderId, entry), ...entry }, index === 0 ? events : []),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      }));

export const dynamoOrderStore = (db: DynamoDBDocumentClient, tableName: string): OrderStore => {
  const get = async (orderId: string) => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: orderKey(orderId), ConsistentRead: true }),
    );
    return Item ? toOrder(Item as OrderItem) : undefined;
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
          keyOf: (last) => ({
            pk: last.pk,
            sk: last.sk,
            customerPk: last.customerPk,
            customerSk: last.customerSk,
          }),
        },
      );
      // The index keeps the keys only: the orders themselves, in the index's order.
      const found = new Map(
        (
          await batchGetAll<OrderItem>(
            db,
            tableName,
            keys.map(({ pk, sk }) => ({ pk, sk })),
          )
        ).map((item) => [item.pk, toOrder(item)]),
      );
      const items = keys.flatMap(({ pk }) => found.get(pk) ?? []);
      return { items, ...(next ? { next } : {}) };
    },

    async history(orderId) {
      const entries: HistoryEntry[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :history)',
            ExpressionAttributeValues: { ':pk': `ORDER#${orderId}`, ':history': 'HISTORY#' },
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of page.Items ?? []) {
          const { eventId, type, at, detail } = item as HistoryEntry;
          entries.push({ eventId, type, at, detail });
        }
        start = page.LastEvaluatedKey;
      } while (start);
      return entries;
    },

    async place(order, events, history) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: orderItem(order),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...historyPutsWithEvents(tableName, order.orderId, history, events),
            ],
          }),
        );
        return { placed: true };
      } catch (error) {
        if (!conditionFailedAt(error, 0)) throw error;
        const existing = await get(order.orderId);
        if (!existing) throw error;
        return { placed: false, existing };
      }
    },

    async transition(next, from, events, history) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: orderItem(next),
                  ConditionExpression: '#status = :from',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':from': from },
                },
              },
              ...historyPutsWithEvents(tableName, next.orderId, history, events),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (conditionFailedAt(error, 0)) return false;
        throw error;
      }
    },

    requestCancellation: (orderId, at) =>
      whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(orderId),
            UpdateExpression: 'SET cancelRequestedAt = :at',
            ConditionExpression:
              '#status = :confirmed AND attribute_not_exists(cancelRequestedAt) AND attribute_not_exists(shipmentClaimedAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':at': at, ':confirmed': 'CONFIRMED' },
          }),
        ),
      ),

    claimShipment: (orderId, at) =>
      whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(orderId),
            UpdateExpression: 'SET shipmentClaimedAt = :at',
            ConditionExpression:
              '#status = :confirmed AND attribute_not_exists(cancelRequestedAt) AND attribute_not_exists(shipmentClaimedAt)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':at': at, ':confirmed': 'CONFIRMED' },
          }),
        ),
      ),

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
