/**
 * The payments table's design, shared by the adapters and the CDK construct:
 *
 * | item                | pk                   | sk      |
 * |---------------------|----------------------|---------|
 * | payment             | PAYMENT#<orderId>    | PAYMENT |
 * | simulator ledger    | SIMULATOR#<key>      | LEDGER  |  (the simulated provider's own memory)
 * | outbox              | OUTBOX#<eventId>     | OUTBOX  |
 */
export const PaymentsTable = { partitionKey: 'pk', sortKey: 'sk', indexes: {} } as const;
