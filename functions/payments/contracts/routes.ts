import * as z from 'zod/mini';
import { orderPath } from '../../orders/contracts/ids.js';
import { defineRoute } from '../../shared/http/route-spec.js';
import { paymentCallView } from './schemas.js';

/** The payments service's HTTP routes (API.md). */
export const paymentsRoutes = {
  listOrderPayments: defineRoute({
    key: 'GET /orders/{orderId}/payments',
    summary: 'Every call made to the payment provider for the order, oldest first: the payment ledger',
    access: 'admin',
    path: orderPath,
    response: z.object({ items: z.array(paymentCallView) }),
  }),
  receivePaymentWebhook: defineRoute({
    key: 'POST /webhooks/payments',
    summary:
      "The payment provider's events (Stripe's webhook): signature checked, then a late charge, a failed refund or a dispute recorded in the ledger. Deployed only with a real provider",
    access: 'public',
    rawBody: true,
    headers: z.object({ 'stripe-signature': z.string().check(z.minLength(1), z.maxLength(4096)) }),
    response: z.object({ received: z.literal(true) }),
  }),
};
