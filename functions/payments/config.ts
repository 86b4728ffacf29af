import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';
import { paymentClientVariables } from './contracts/provider.js';

const table = { PAYMENTS_TABLE_NAME: z.string().check(z.minLength(1)) };

/** The admins' read of the ledger: the table only. */
export const ledgerConfig = defineConfig(table);

/** The provider, as the saga's steps and the webhook reach it. */
const provider = {
  ...paymentClientVariables,
  /** How long one call to the provider may take before we give up on that attempt. */
  PAYMENT_PROVIDER_TIMEOUT_MS: z.coerce.number().check(z.int(), z.gte(100)),
};

/** The webhook: the table and the provider. */
export const webhookConfig = defineConfig({ ...table, ...provider });

export const paymentsConfig = defineConfig({
  ...table,
  ...provider,
  /** How long the simulator's tok_timeout keeps the caller waiting: longer than the timeout above. */
  SIMULATOR_HANG_MS: z.coerce.number().check(z.int(), z.gte(0)),
  /** Consecutive provider failures that open the circuit. */
  CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().check(z.int(), z.gte(1)),
  /** How long the circuit stays open before one probe call is let through. */
  CIRCUIT_OPEN_MS: z.coerce.number().check(z.int(), z.gte(100)),
});
