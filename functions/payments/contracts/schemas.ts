import * as z from 'zod';
import { moneySchema } from '../../shared/money.js';

/** A payment token from the client's payment form; the simulator's tokens are listed in API.md. */
export const paymentTokenSchema = z.string().regex(/^tok_[a-z0-9_]{1,64}$/);

/** One call to the payment provider for an order, as GET /orders/{orderId}/payments lists it. */
export const paymentCallView = z.object({
  at: z.string(),
  kind: z.enum(['CHARGE', 'REFUND']),
  outcome: z.enum(['APPROVED', 'DECLINED', 'FAILED', 'TIMED_OUT']),
  amount: moneySchema,
  /** Its number among the order's calls of its kind, from 1. */
  attempt: z.number().int().min(1),
  providerReference: z.string().optional(),
});
