import { itemKind } from '../../shared/item-kind.js';
import { shardedPartitions } from '../../shared/shards.js';
import type { OrderStatus } from '../contracts/vocabulary.js';

/**
 * The orders table's design, shared by the adapter and the CDK construct:
 *
 * | item            | pk                | sk                     | customerPk        | customerSk            | statusShard         | dueShard | dueAt |
 * |-----------------|-------------------|------------------------|-------------------|-----------------------|---------------------|----------|-------|
 * | order           | ORDER#<orderId>   | ORDER                  | CUSTOMER#<userId> | <createdAt>#<orderId> | STATUS#<status>#<n> | DUE#<n> (while it awaits an outcome) | ISO time |
 * | timeline entry  | ORDER#<orderId>   | HISTORY#<at>#<eventId> |                   |                       |                     |          |       |
 * | forgotten customer | CUSTOMER#<userId> | FORGOTTEN           |                   |                       |                     |          |       |
 *
 * The order item holds the timeline entries of its own changes (`timeline`,
 * which leave out the lines and total the order holds: `fromOrder`) and
 * carries the events of its latest change (`outboxEvents`); the events of
 * other services about the order are timeline entries of their own.
 * `byCustomer` is sparse: orders only, newest first by reading it backwards.
 * It keeps the keys only, so that a change of status costs the index nothing
 * (a write to an index that keeps the order costs as much as the order's
 * own); a listing fetches the orders it found by their keys.
 * `byStatus` is the admins' list: every order under its status, newest
 * first (the same sort key). It keeps the keys only too: an order costs it
 * one index write when placed and two (the old entry out, the new one in)
 * per change of status, ~1 WCU each, and nothing for any other change. Each
 * status is spread over `STATUS_SHARDS` partitions by the order id, so that
 * no status's partition takes every order's write at peak; a listing reads
 * the shards of its statuses and merges them.
 * `byDue` is sparse too: the orders a workflow is still deciding (PENDING,
 * or a cancellation asked for), by the time it should have finished. The
 * stalled-order sweep reads it for the overdue ones. An order enters it
 * when placed and leaves it when decided: two index writes in its life, and
 * none while it waits. Its partition is one of `DUE_SHARDS`, by the order id,
 * as the hold index's is (`shardedPartitions`).
 * A forgotten customer is one who deleted their account (UserDeleted): an
 * order placed with a token of theirs that has not expired yet is refused.
 * An Idempotency-Key needs no item of its own: the order's id is derived
 * from it, and the order is placed only if no item has that id.
 */
export const OrdersTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byCustomer: {
      name: 'byCustomer',
      partitionKey: 'customerPk',
      sortKey: 'customerSk',
      projection: 'KEYS_ONLY',
    },
    byDue: { name: 'byDue', partitionKey: 'dueShard', sortKey: 'dueAt', projection: 'KEYS_ONLY' },
    byStatus: {
      name: 'byStatus',
      partitionKey: 'statusShard',
      sortKey: 'customerSk',
      projection: 'KEYS_ONLY',
    },
  },
} as const;

export const DUE_SHARDS = 4;

/** The due index partitions: an order's by its id, and all of them for the sweep. */
export const duePartitions = shardedPartitions('DUE', DUE_SHARDS);

export const STATUS_SHARDS = 4;

/** The status index partitions of one status: an order's by its id, and all of them for a listing. */
export const statusPartitions = (status: OrderStatus) => shardedPartitions(`STATUS#${status}`, STATUS_SHARDS);

/** The order item; its timeline entries share its partition. */
export const OrderKind = itemKind('ORDER#', 'ORDER');
