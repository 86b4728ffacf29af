import * as z from 'zod/mini';

/**
 * The payment providers a deployment chooses from (`-c paymentProvider=`):
 * the built-in simulator (API.md's payment tokens; no money moves), or Stripe.
 */
export const PAYMENT_PROVIDERS = ['simulator', 'stripe'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** The provider's name as `GET /health` reports it: `simulated` while no money moves. */
export const reportedProvider = (name: PaymentProviderName) => (name === 'simulator' ? 'simulated' : name);

/** Which provider the function talks to; the stack sets it from the deployment's choice. */
export const paymentProviderVariables = { PAYMENT_PROVIDER: z.enum(PAYMENT_PROVIDERS) };

/**
 * The provider's client: its name, and with Stripe the secret holding the
 * API key and the webhook's signing secret (read at run time; empty with the simulator).
 */
export const paymentClientVariables = {
  ...paymentProviderVariables,
  PAYMENT_PROVIDER_SECRET_ARN: z.string(),
};
