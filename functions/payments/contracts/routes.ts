import * as z from 'zod';
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
};
