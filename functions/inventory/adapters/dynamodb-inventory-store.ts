import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
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
  insertWithEvents,
  outboxPuts,
  queryAll,
  whenConditionHolds,
} from '../../shared/dynamodb.js';
import { CARRIED_EVENTS_ATTRIBUTE, carriedEvents, carryingEvents } from '../../shared/outbox/outbox.js';
import { OutOfStockError, StockChangedConcurrentlyError } from '../domain/errors.js';
import type { Reservation, StockItem } from '../domain/stock.js';
import type { InventoryStore } from '../use-cases/ports.js';
import { HOLD_PARTITIONS, holdPartition, InventoryTable } from './inventory-table.js';

const stockKey = (sku: string) => ({ pk: `STOCK#${sku}`, sk: 'STOCK' });
const reservationKey = (orderId: string) => ({ pk: `RESERVATION#${orderId}`, sk: 'RESERVATION' });

type StockRecord = StockItem & { pk: string; sk: string };
type ReservationRecord = Reservation & {
  pk: string;
  sk: string;
  holdPartition?: string;
  /** The events its insert carried to the relay. */
  outboxEvents?: string;
};

const toStock = ({ pk: _pk, sk: _sk, ...item }: StockRecord): StockItem => item;
const toReservation = ({
  pk: _pk,
  sk: _sk,
  holdPartition: _held,
  outboxEvents: _relayed,
  ...reservation
}: ReservationRecord): Reservation => reservation;

/** Transactions that touch the same stock items at once conflict; they are retried with jittered backoff. */
const MAX_CONFLICT_RETRIES = 12;
const isConflict = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
const backoff = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

export const dynamoInventoryStore = (db: DynamoDBDocumentClient, tableName: string): InventoryStore => {
  const transact = async (
    items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
  ) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        await backoff(attempt);
      }
    }
  };

  /** Units counted out of a sku's available stock (never below zero), or given back to it. */
  const stockChange = (sku: string, quantity: number, direction: 'out' | 'back') => ({
    Update: {
      TableName: tableName,
      Key: stockKey(sku),
      UpdateExpression: 'SET available = available + :change ADD version :one',
      ConditionExpression:
        direction === 'out' ? 'attribute_exists(pk) AND available >= :quantity' : 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':change': direction === 'out' ? -quantity : quantity,
        ':one': 1,
        ...(direction === 'out' ? { ':quantity': quantity } : {}),
      },
    },
  });

  return {
    async getStock(sku) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: stockKey(sku), ConsistentRead: true }),
      );
      return Item ? toStock(Item as StockRecord) : undefined;
    },

    getStocks: async (skus) =>
      (
        await batchGetAll<StockRecord>(db, tableName, [...new Set(skus)].map(stockKey), { consistent: true })
      ).map(toStock),

    async heldUnits(sku) {
      const held = await Promise.all(
        HOLD_PARTITIONS.map((partition) =>
          queryAll<Pick<Reservation, 'lines'>>(db, {
            TableName: tableName,
            IndexName: InventoryTable.indexes.byHoldExpiry.name,
            KeyConditionExpression: 'holdPartition = :held',
            ExpressionAttributeValues: { ':held': partition },
            ProjectionExpression: '#lines',
            ExpressionAttributeNames: { '#lines': 'lines' },
          }),
        ),
      );
      return held
        .flat()
        .flatMap(({ lines }) => lines)
        .reduce((units, line) => (line.sku === sku ? units + line.quantity : units), 0);
    },

    createStockItem: (item) =>
      whenConditionHolds(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...stockKey(item.sku), ...item },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),

    async setAvailable(item, expectedVersion, events) {
      try {
        await transact([
          {
            Update: {
              TableName: tableName,
              Key: stockKey(item.sku),
              UpdateExpression:
                'SET available = :available, received = :received, version = :version, updatedAt = :updatedAt',
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: {
                ':available': item.available,
                ':received': item.received,
                ':version': item.version,
                ':updatedAt': item.updatedAt,
                ':expected': expectedVersion,
              },
            },
          },
          ...outboxPuts(tableName, events),
        ]);
      } catch (error) {
        if (conditionFailedAt(error, 0)) throw new StockChangedConcurrentlyError(item.sku);
        throw error;
      }
    },

    async getReservation(orderId) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: reservationKey(orderId), ConsistentRead: true }),
      );
      return Item ? toReservation(Item as ReservationRecord) : undefined;
    },

    async reserve(reservation, events) {
      try {
        await transact([
          {
            Put: {
              TableName: tableName,
              // The new reservation carries the events of the reservation.
              Item: carryingEvents(
                {
                  ...reservationKey(reservation.orderId),
                  ...reservation,
                  holdPartition: holdPartition(reservation.orderId),
                },
                events,
              ),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...reservation.lines.map((line) => stockChange(line.sku, line.quantity, 'out')),
        ]);
        return 'RESERVED';
      } catch (error) {
        if (conditionFailedAt(error, 0)) return 'ALREADY_RECORDED';
        const short = reservation.lines
          .filter((_, index) => conditionFailedAt(error, index + 1))
          .map((line) => line.sku);
        if (short.length > 0) throw new OutOfStockError(short);
        throw error;
      }
    },

    recordFailure(reservation, events) {
      // An order with a reservation already keeps it: the refusal is not recorded over it.
      return insertWithEvents(
        db,
        tableName,
        { ...reservationKey(reservation.orderId), ...reservation },
        events,
      );
    },

    // A single write, not a transaction: the stock items have nothing to change.
    commit: (orderId) =>
      whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reservationKey(orderId),
            // It stops carrying the events of its insert, so that its record does not reach the relay.
            UpdateExpression: `SET #status = :to REMOVE holdPartition, holdExpiresAt, ${CARRIED_EVENTS_ATTRIBUTE}`,
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':to': 'COMMITTED', ':from': 'HELD' },
          }),
        ),
      ),

    async release(reservation, from, events) {
      try {
        await transact([
          {
            Update: {
              TableName: tableName,
              Key: reservationKey(reservation.orderId),
              // The reservation carries the release's events; with none, it stops carrying those of its insert.
              UpdateExpression:
                events.length > 0
                  ? `SET #status = :to, ${CARRIED_EVENTS_ATTRIBUTE} = :events REMOVE holdPartition, holdExpiresAt`
                  : `SET #status = :to REMOVE holdPartition, holdExpiresAt, ${CARRIED_EVENTS_ATTRIBUTE}`,
              ConditionExpression: '#status = :from',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':to': 'RELEASED',
                ':from': from,
                ...(events.length > 0 ? { ':events': carriedEvents(events) } : {}),
              },
            },
          },
          ...reservation.lines.map((line) => stockChange(line.sku, line.quantity, 'back')),
        ]);
        return true;
      } catch (error) {
        if (conditionFailedAt(error, 0)) return false;
        throw error;
      }
    },

    async expiredHolds(now, limit) {
      const index = InventoryTable.indexes.byHoldExpiry;
      // Each shard's oldest first; together, the oldest `limit` of them all.
      const shards = await Promise.all(
        HOLD_PARTITIONS.map(async (partition) => {
          const { Items = [] } = await db.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: index.name,
              KeyConditionExpression: 'holdPartition = :held AND holdExpiresAt < :now',
              ExpressionAttributeValues: { ':held': partition, ':now': now.toISOString() },
              Limit: limit,
            }),
          );
          return Items as ReservationRecord[];
        }),
      );
      return shards
        .flat()
        .sort((a, b) => (a.holdExpiresAt ?? '').localeCompare(b.holdExpiresAt ?? ''))
        .slice(0, limit)
        .map(toReservation);
    },
  };
};
