import {
  batchGetAll,
  conditionFailedAt,
  insertWithEvents,
  outboxPuts,
  queryAll,
  transactWrite,
  whenConditionHolds,
} from '../../shared/dynamodb.js';
import {
  ConditionalCheckFailedException,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '../../shared/dynamodb-sdk.js';
import { CARRIED_EVENTS_ATTRIBUTE, carriedEvents, carryingEvents } from '../../shared/outbox/outbox.js';
import { MAIN_WAREHOUSE } from '../contracts/warehouses.js';
import { OutOfStockError, StockChangedConcurrentlyError, WarehouseTakenError } from '../domain/errors.js';
import {
  allocationsOf,
  type Reservation,
  type StockItem,
  stockGuard,
  type Warehouse,
} from '../domain/stock.js';
import type { InventoryStore, StockAsRead } from '../use-cases/ports.js';
import {
  HOLD_PARTITIONS,
  holdPartition,
  InventoryTable,
  ReservationKind,
  StockKind,
  WAREHOUSES_PARTITION,
  warehouseKey,
} from './inventory-table.js';

const stockKey = StockKind.key;
const reservationKey = ReservationKind.key;

/** A stock item as stored; one written before warehouses has no `warehouses` (all its stock is in main). */
type StockRecord = Omit<StockItem, 'warehouses'> & {
  pk: string;
  sk: string;
  warehouses?: StockItem['warehouses'];
};
type WarehouseRecord = Warehouse & { pk: string; sk: string };
type ReservationRecord = Reservation & {
  pk: string;
  sk: string;
  holdPartition?: string;
  /** The events its insert carried to the relay. */
  outboxEvents?: string;
};

const toStock = ({ pk: _pk, sk: _sk, warehouses, ...item }: StockRecord): StockItem => ({
  ...item,
  warehouses: warehouses ?? { [MAIN_WAREHOUSE]: { available: item.available, received: item.received } },
});
const toReservation = ({
  pk: _pk,
  sk: _sk,
  holdPartition: _held,
  outboxEvents: _relayed,
  ...reservation
}: ReservationRecord): Reservation => reservation;

export const dynamoInventoryStore = (db: DynamoDBDocumentClient, tableName: string): InventoryStore => {
  /** Transactions that touch the same stock items at once conflict; they are retried with jittered backoff. */
  const transact = (items: Parameters<typeof transactWrite>[1]) => transactWrite(db, items);

  /**
   * Units counted out of a sku's available stock and out of each warehouse
   * they are allocated to (never below zero), or given back to them; with
   * the stock as read, only while it is as read (`stockGuard`).
   */
  const stockChange = (
    sku: string,
    quantity: number,
    direction: 'out' | 'back',
    allocations: readonly { warehouseId: string; quantity: number }[],
    asRead?: StockAsRead,
  ) => {
    const sign = direction === 'out' ? -1 : 1;
    const change = sign * quantity;
    const seen = asRead?.get(sku);
    const guard = seen ? stockGuard(seen, change) : undefined;
    const conditions = ['attribute_exists(pk)'];
    const sets = ['available = available + :change'];
    const names: Record<string, string> = {};
    const values: Record<string, number> = { ':change': change, ':one': 1 };
    allocations.forEach(({ warehouseId, quantity: units }, index) => {
      const path = `warehouses.#w${index}.available`;
      names[`#w${index}`] = warehouseId;
      values[`:w${index}`] = sign * units;
      sets.push(`${path} = ${path} + :w${index}`);
      if (direction === 'out') {
        conditions.push(`${path} >= :q${index}`);
        values[`:q${index}`] = units;
      }
    });
    if (direction === 'out') {
      conditions.push('available >= :quantity');
      values[':quantity'] = quantity;
    }
    if (guard?.kind === 'exactly') {
      conditions.push('version = :version');
      values[':version'] = guard.version;
    } else if (guard) {
      conditions.push('available >= :least');
      values[':least'] = guard.available;
    }
    return {
      Update: {
        TableName: tableName,
        Key: stockKey(sku),
        UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
        ConditionExpression: conditions.join(' AND '),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
      },
    };
  };
  /** A reservation's stock changes, one per line, each with the line's allocations. */
  const stockChanges = (reservation: Reservation, direction: 'out' | 'back', asRead?: StockAsRead) => {
    const allocations = allocationsOf(reservation);
    return reservation.lines.map((line) =>
      stockChange(
        line.sku,
        line.quantity,
        direction,
        allocations.filter((allocation) => allocation.sku === line.sku),
        asRead,
      ),
    );
  };
  /**
   * Stock items written before warehouses, given their `warehouses` (all
   * their stock in main), so that changes can name a warehouse: once each,
   * only while the item is as read.
   */
  const upgraded = async (records: StockRecord[]): Promise<StockRecord[]> => {
    const legacy = records.filter((record) => record.warehouses === undefined);
    if (legacy.length === 0) return records;
    await Promise.all(
      legacy.map((record) =>
        whenConditionHolds(
          db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: stockKey(record.sku),
              UpdateExpression: 'SET warehouses = :warehouses',
              ConditionExpression: 'attribute_not_exists(warehouses) AND version = :version',
              ExpressionAttributeValues: {
                ':warehouses': toStock(record).warehouses,
                ':version': record.version,
              },
            }),
          ),
        ),
      ),
    );
    return batchGetAll<StockRecord>(
      db,
      tableName,
      records.map((record) => stockKey(record.sku)),
      {
        consistent: true,
      },
    );
  };
  /** The lines whose stock condition failed (item i of the transaction is line i - 1). */
  const failedLines = (error: unknown, reservation: Reservation) =>
    reservation.lines.filter((_, index) => conditionFailedAt(error, index + 1)).map((line) => line.sku);
  /** A failed stock condition: out of stock when no longer enough, else changed since it was read. */
  const stockRefusal = async (skus: string[], reservation: Reservation, direction: 'out' | 'back') => {
    const items = new Map(
      (await batchGetAll<StockRecord>(db, tableName, skus.map(stockKey), { consistent: true })).map(
        (item) => [item.sku, item],
      ),
    );
    const quantity = (sku: string) => reservation.lines.find((line) => line.sku === sku)?.quantity ?? 0;
    const short = skus.filter(
      (sku) => direction === 'out' && (items.get(sku)?.available ?? -1) < quantity(sku),
    );
    return short.length > 0 ? new OutOfStockError(short) : new StockChangedConcurrentlyError(skus[0] ?? '');
  };

  return {
    async getStock(sku) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: stockKey(sku), ConsistentRead: true }),
      );
      const [item] = Item ? await upgraded([Item as StockRecord]) : [];
      return item ? toStock(item) : undefined;
    },

    getStocks: async (skus) =>
      (
        await upgraded(
          await batchGetAll<StockRecord>(db, tableName, [...new Set(skus)].map(stockKey), {
            consistent: true,
          }),
        )
      ).map(toStock),

    async heldUnits(sku) {
      const held = await Promise.all(
        HOLD_PARTITIONS.map((partition) =>
          queryAll<Pick<Reservation, 'lines' | 'allocations'>>(db, {
            TableName: tableName,
            IndexName: InventoryTable.indexes.byHoldExpiry.name,
            KeyConditionExpression: 'holdPartition = :held',
            ExpressionAttributeValues: { ':held': partition },
            ProjectionExpression: '#lines, allocations',
            ExpressionAttributeNames: { '#lines': 'lines' },
          }),
        ),
      );
      const units: Record<string, number> = {};
      for (const reservation of held.flat())
        for (const { warehouseId, quantity } of allocationsOf(reservation).filter((a) => a.sku === sku))
          units[warehouseId] = (units[warehouseId] ?? 0) + quantity;
      return units;
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
                'SET available = :available, received = :received, warehouses = :warehouses, version = :version, updatedAt = :updatedAt',
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: {
                ':available': item.available,
                ':received': item.received,
                ':warehouses': item.warehouses,
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

    async reserve(reservation, events, asRead) {
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
          ...stockChanges(reservation, 'out', asRead),
        ]);
        return 'RESERVED';
      } catch (error) {
        if (conditionFailedAt(error, 0)) return 'ALREADY_RECORDED';
        const failed = failedLines(error, reservation);
        if (failed.length > 0) throw await stockRefusal(failed, reservation, 'out');
        throw error;
      }
    },

    recordUnheld(reservation, events) {
      // An order with a reservation already keeps it: the refusal is not recorded over it.
      return insertWithEvents(
        db,
        tableName,
        { ...reservationKey(reservation.orderId), ...reservation },
        events,
      );
    },

    // A single write, not a transaction: the stock items have nothing to change.
    async commit(orderId) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: reservationKey(orderId),
            // It stops carrying the events of its insert, so that its record does not reach the relay.
            UpdateExpression: `SET #status = :to REMOVE holdPartition, holdExpiresAt, ${CARRIED_EVENTS_ATTRIBUTE}`,
            ConditionExpression: '#status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':to': 'COMMITTED', ':from': 'HELD' },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toReservation(Attributes as ReservationRecord) : undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },

    async release(reservation, from, events, asRead) {
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
          ...stockChanges(reservation, 'back', asRead),
        ]);
        return true;
      } catch (error) {
        if (conditionFailedAt(error, 0)) return false;
        const failed = failedLines(error, reservation);
        if (failed.length > 0) throw await stockRefusal(failed, reservation, 'back');
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

    async listWarehouses() {
      const items = await queryAll<WarehouseRecord>(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :warehouses',
        ExpressionAttributeValues: { ':warehouses': WAREHOUSES_PARTITION },
      });
      return items.map(({ id, name, country, createdAt }) => ({ id, name, country, createdAt }));
    },

    async getWarehouse(id) {
      // Strongly consistent: a warehouse an admin has just added is there to stock.
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: warehouseKey(id), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { id: found, name, country, createdAt } = Item as WarehouseRecord;
      return { id: found, name, country, createdAt };
    },

    async createWarehouse(warehouse) {
      const created = await whenConditionHolds(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...warehouseKey(warehouse.id), ...warehouse },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      if (!created) throw new WarehouseTakenError(warehouse.id);
    },
  };
};
