import { itemKind } from '../../shared/item-kind.js';
/**
 * The payments table's design, shared by the adapters and the CDK construct:
 *
 * | item                | pk                   | sk      |
 * |---------------------|----------------------|---------|
 * | payment             | PAYMENT#<orderId>    | PAYMENT |
 * | provider call       | PAYMENT#<orderId>    | CALL#<at>#<id> | (the ledger: every call to the provider, append-only)
 * | simulator ledger    | SIMULATOR#<key>      | LEDGER  |  (the simulated provider's own memory)
 * | outbox              | OUTBOX#<eventId>     | OUTBOX  |
 */
export const PaymentsTable = { partitionKey: 'pk', sortKey: 'sk', indexes: {} } as const;

/** An order's payment. */
export const PaymentKind = itemKind('PAYMENT#', 'PAYMENT');
/** The simulator's own record of a charge, by idempotency key: what the provider would know. */
export const LedgerKind = itemKind('SIMULATOR#', 'LEDGER');

export const PAYMENT_CALL_PREFIX = 'CALL#';
/** One call to the provider for an order, in the order's partition: its ledger, oldest first. */
export const PaymentCallKind = {
  key: (orderId: string, at: string, id: string) => ({
    pk: PaymentKind.key(orderId).pk,
    sk: `${PAYMENT_CALL_PREFIX}${at}#${id}`,
  }),
  is: (item: { readonly pk: string; readonly sk: string }) =>
    item.pk.startsWith('PAYMENT#') && item.sk.startsWith(PAYMENT_CALL_PREFIX),
};
