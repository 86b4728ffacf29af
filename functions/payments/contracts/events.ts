import * as z from 'zod/mini';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { defineEvent } from '../../shared/events/define-event.js';
import { moneySchema } from '../../shared/money.js';

const source = 'shop.payments';
const orderId = orderRefSchema;
const userId = z.string().check(z.minLength(1), z.maxLength(128));

export const PaymentCompleted = defineEvent({
  source,
  detailType: 'PaymentCompleted',
  version: 1,
  data: z.object({ orderId, userId, amount: moneySchema, chargeId: z.string() }),
});

export const PaymentFailed = defineEvent({
  source,
  detailType: 'PaymentFailed',
  version: 1,
  data: z.object({
    orderId,
    userId,
    amount: moneySchema,
    reason: z.enum(['DECLINED', 'PROVIDER_UNAVAILABLE']),
  }),
});

export const PaymentRefunded = defineEvent({
  source,
  detailType: 'PaymentRefunded',
  version: 1,
  data: z.object({ orderId, userId, amount: moneySchema, chargeId: z.string(), refundId: z.string() }),
});

/**
 * The provider reported, on its own and after the fact, something about an
 * order's money that an admin must look at: a refund that failed after it
 * was accepted, or a dispute opened or closed by the customer's bank.
 */
export const PaymentIssueReported = defineEvent({
  source,
  detailType: 'PaymentIssueReported',
  version: 1,
  data: z.object({
    orderId,
    issue: z.enum(['REFUND_FAILED', 'DISPUTE_OPENED', 'DISPUTE_WON', 'DISPUTE_LOST']),
    amount: moneySchema,
    providerReference: z.string(),
    reason: z.optional(z.string()),
  }),
});

export const paymentsEvents = [
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  PaymentIssueReported,
] as const;
