import { InMemoryPayments } from '../../../../functions/payments/adapters/in-memory-payment-store.js';
import { paymentLedgerContract } from '../../../support/payments/payment-ledger-contract.js';

paymentLedgerContract('the in-memory payment ledger', async () => {
  const payments = new InMemoryPayments();
  return { ledger: payments.ledger, published: async () => payments.outbox.map((event) => event.detailType) };
});
