import * as z from 'zod';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { defineEvent } from '../../shared/events/define-event.js';
import { moneySchema } from '../../shared/money.js';

const source = 'shop.payments';
const orderId = orderRefSchema;
const userId = z.string().min(1).max(128);

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

export const paymentsEvents = [PaymentCompleted, PaymentFailed, PaymentRefunded] as const;
