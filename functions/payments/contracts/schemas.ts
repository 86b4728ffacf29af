import * as z from 'zod/mini';
import { moneySchema } from '../../shared/money.js';

/**
 * A payment token from the client's payment form: the simulator's tokens are
 * listed in API.md; with Stripe, a PaymentMethod id (`pm_…`, from Stripe.js)
 * or a card token (`tok_…`).
 */
export const paymentTokenSchema = z.string().check(z.regex(/^(tok|pm)_[A-Za-z0-9_]{1,96}$/));

/** One call to the payment provider for an order, as GET /orders/{orderId}/payments lists it. */
export const paymentCallView = z.object({
  at: z.string(),
  kind: z.enum(['CHARGE', 'REFUND', 'DISPUTE']),
  outcome: z.enum(['APPROVED', 'DECLINED', 'FAILED', 'TIMED_OUT', 'OPENED', 'WON', 'LOST']),
  amount: moneySchema,
  /** Its number among the order's calls of its kind, from 1. */
  attempt: z.int().check(z.gte(1)),
  providerReference: z.optional(z.string()),
  /** Present when the provider reported this outcome on its own (a webhook), not in answer to a call. */
  reportId: z.optional(z.string()),
  reason: z.optional(z.string()),
});
