/**
 * The inventory table's design, shared by the adapter and the CDK construct:
 *
 * | item        | pk                    | sk          | holdPartition | holdExpiresAt |
 * |-------------|-----------------------|-------------|---------------|---------------|
 * | stock item  | STOCK#<sku>           | STOCK       |               |               |
 * | reservation | RESERVATION#<orderId> | RESERVATION | HELD (if held)| ISO time      |
 * | outbox      | OUTBOX#<eventId>      | OUTBOX      |               |               |
 *
 * `byHoldExpiry` is sparse: it holds the HELD reservations only, by the end of their hold.
 */
export const InventoryTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byHoldExpiry: { name: 'byHoldExpiry', partitionKey: 'holdPartition', sortKey: 'holdExpiresAt' },
  },
} as const;

export const HELD_PARTITION = 'HELD';
