import { InMemoryPayments } from '../../../../functions/payments/adapters/in-memory-payment-store.js';
import { inMemoryLedger } from '../../../../functions/payments/adapters/simulated-provider.js';
import { paymentsContract } from '../../../support/payments/payments-contract.js';

paymentsContract('in-memory payment store and ledger', async () => ({
  store: new InMemoryPayments().store,
  ledger: inMemoryLedger(),
}));
