import { defineService } from '../shared/service-manifest.js';
import { PaymentsTable } from './adapters/payments-table.js';
import { ledgerConfig, paymentsConfig, webhookConfig } from './config.js';
import { paymentsRoutes } from './contracts/routes.js';

/** One call to the provider, in milliseconds; the saga retries a call that takes longer. */
const PROVIDER_TIMEOUT_MS = 3000;

const step = {
  config: paymentsConfig,
  table: 'readWrite',
  paymentProvider: 'client',
  settings: {
    PAYMENT_PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS),
    // tok_timeout keeps the caller waiting twice as long as it is willing to wait.
    SIMULATOR_HANG_MS: String(PROVIDER_TIMEOUT_MS * 2),
    CIRCUIT_FAILURE_THRESHOLD: '5',
    CIRCUIT_OPEN_MS: '10000',
  },
  // Room for one provider call that times out, and the bookkeeping after it.
  timeoutSeconds: PROVIDER_TIMEOUT_MS / 1000 + 5,
  trigger: { sagaTask: true },
} as const;

/**
 * The saga's charge and refund steps against the payment provider, behind a
 * timeout and a circuit breaker, the ledger of every call made to it, and,
 * with a real provider, its webhook.
 */
export const paymentsService = defineService({
  name: 'payments',
  purpose: "the order saga's charge and refund steps against the payment provider, and their ledger",
  table: PaymentsTable,
  outbox: true,
  functions: {
    ProcessPayment: step,
    RefundPayment: step,
    ListOrderPayments: {
      config: ledgerConfig,
      table: 'read',
      trigger: { route: paymentsRoutes.listOrderPayments },
    },
    ReceivePaymentWebhook: {
      config: webhookConfig,
      table: 'readWrite',
      paymentProvider: 'client',
      realPaymentsOnly: true,
      settings: { PAYMENT_PROVIDER_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS) },
      // A late charge given back is one refund: room for it and the ledger's writes.
      timeoutSeconds: PROVIDER_TIMEOUT_MS / 1000 + 5,
      trigger: { route: paymentsRoutes.receivePaymentWebhook },
    },
  },
});
