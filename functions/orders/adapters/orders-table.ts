/**
 * The orders table's design, shared by the adapter and the CDK construct:
 *
 * | item            | pk                               | sk                          | customerPk        | customerSk             |
 * |-----------------|----------------------------------|-----------------------------|-------------------|------------------------|
 * | order           | ORDER#<orderId>                  | ORDER                       | CUSTOMER#<userId> | <createdAt>#<orderId>  |
 * | timeline entry  | ORDER#<orderId>                  | HISTORY#<at>#<eventId>      |                   |                        |
 * | idempotency key | IDEMPOTENCY#<userId>#<keyHash>   | IDEMPOTENCY                 |                   |                        |
 * | outbox          | OUTBOX#<eventId>                 | OUTBOX                      |                   |                        |
 *
 * `byCustomer` is sparse: orders only, newest first by reading it backwards.
 * It keeps the keys only, so that a change of status costs the index nothing
 * (a write to an index that keeps the order costs as much as the order's
 * own); a listing fetches the orders it found by their keys.
 * Idempotency records expire through the table's TTL after their window.
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
  },
} as const;
