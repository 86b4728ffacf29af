import * as z from 'zod/mini';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { moneySchema } from '../../shared/money.js';
import { paymentTokenSchema } from './schemas.js';

/**
 * Payments' steps of the order saga. The state machine calls them with
 * these inputs and matches on the error names below in its Catch rules.
 */
const orderId = orderRefSchema;
const correlationId = z.string().check(z.minLength(1), z.maxLength(128));
const userId = z.string().check(z.minLength(1), z.maxLength(128));

export const ProcessPaymentTask = {
  input: z.object({ orderId, userId, correlationId, amount: moneySchema, paymentToken: paymentTokenSchema }),
  output: z.object({ orderId, chargeId: z.string() }),
} as const;

export const RefundPaymentTask = {
  input: z.object({ orderId, userId, correlationId }),
  output: z.object({ orderId, outcome: z.enum(['REFUNDED', 'NOTHING_TO_REFUND']) }),
} as const;

/** The business refusals of ProcessPayment: never retried, they go straight to compensation. */
export const PaymentRefusals = { declined: 'PaymentDeclinedError', voided: 'PaymentVoidedError' } as const;
