import { itemKind } from '../../shared/item-kind.js';
import { shardedPartitions } from '../../shared/shards.js';

/**
 * The inventory table's design, shared by the adapter and the CDK construct:
 *
 * | item        | pk                    | sk          | holdPartition | holdExpiresAt |
 * |-------------|-----------------------|-------------|---------------|---------------|
 * | stock item  | STOCK#<sku>           | STOCK       |               |               |
 * | reservation | RESERVATION#<orderId> | RESERVATION | HELD#<shard> (while held) | ISO time |
 * | warehouse   | WAREHOUSES            | WAREHOUSE#<id> |            |               |
 * | outbox      | OUTBOX#<eventId>      | OUTBOX      |               |               |
 *
 * A stock item holds its sku's counts in total and, in `warehouses`, per
 * warehouse: a reservation's line updates one item whatever the warehouses
 * its units come from, so an order of 50 lines is still one transaction of
 * 51 items. The warehouses admins add share one partition (there are few):
 * one Query lists them.
 *
 * `byHoldExpiry` is sparse: it holds the HELD reservations only, by the end of
 * their hold. The sweep reads it for the holds that ran out, and a sku's
 * reserved units are the sum of its lines there: the stock item counts only
 * what is available, so that committing a reservation writes the reservation
 * alone (one item and its index entry, with no transaction).
 * Its partition is one of `HOLD_SHARDS`, chosen by the order id: an index
 * partition takes about a thousand writes a second, and with a
 * sort key that only grows (the end of a hold), DynamoDB cannot split a hot
 * one; in a single partition every reservation and every commit of the shop
 * would share that ceiling.
 */
export const InventoryTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byHoldExpiry: { name: 'byHoldExpiry', partitionKey: 'holdPartition', sortKey: 'holdExpiresAt' },
  },
} as const;

export const HOLD_SHARDS = 8;

const holds = shardedPartitions('HELD', HOLD_SHARDS);

/** The hold index partition of an order's reservation, chosen by the order id. */
export const holdPartition = holds.of;

/** Every hold index partition, for the sweep of expired holds. */
export const HOLD_PARTITIONS = holds.all;

/** A sku's stock. */
export const StockKind = itemKind('STOCK#', 'STOCK');
/** An order's reservation: its hold, then its commit or release. */
export const ReservationKind = itemKind('RESERVATION#', 'RESERVATION');

/** The partition of the warehouses admins add, and one's key. */
export const WAREHOUSES_PARTITION = 'WAREHOUSES';
export const warehouseKey = (id: string) => ({ pk: WAREHOUSES_PARTITION, sk: `WAREHOUSE#${id}` });
