import * as z from 'zod/mini';
import { defineRoute } from '../../shared/http/route-spec.js';
import { pageOf } from '../../shared/pagination.js';
import { orderPath } from './ids.js';
import {
  adminOrdersQuery,
  adminOrderView,
  changeAddressBody,
  checkOutBody,
  historyEntryView,
  idempotencyHeaders,
  listOrdersQuery,
  orderStatusSchema,
  orderView,
  placeOrderBody,
} from './schemas.js';

const orderAccepted = z.object({ orderId: z.string(), status: orderStatusSchema });

/** The orders service's HTTP routes (API.md). */
export const ordersRoutes = {
  placeOrder: defineRoute({
    key: 'POST /orders',
    summary:
      'Place an order; the saga confirms or cancels it (same Idempotency-Key + body → the same answer)',
    access: 'customer',
    body: placeOrderBody,
    headers: idempotencyHeaders,
    successStatus: 202,
    response: orderAccepted,
    errors: [422, 429],
    metric: 'OrderPlaced',
  }),
  checkOut: defineRoute({
    key: 'POST /cart/checkout',
    summary: "Order the cart's lines, as POST /orders; the cart is emptied once the order is accepted",
    access: 'customer',
    body: checkOutBody,
    headers: idempotencyHeaders,
    successStatus: 202,
    response: orderAccepted,
    errors: [409, 422, 429],
    metric: 'OrderPlaced',
  }),
  listOrders: defineRoute({
    key: 'GET /orders',
    summary: "The caller's orders, newest first",
    access: 'customer',
    query: listOrdersQuery,
    response: pageOf(orderView),
  }),
  listAllOrders: defineRoute({
    key: 'GET /admin/orders',
    summary: "Every customer's orders, newest first, of one status (CONFIRMED: to ship) or all",
    access: 'admin',
    query: adminOrdersQuery,
    response: pageOf(adminOrderView),
  }),
  getOrder: defineRoute({
    key: 'GET /orders/{orderId}',
    summary: "One of the caller's orders (for an admin, whichever order)",
    access: 'customer',
    path: orderPath,
    response: orderView,
  }),
  changeOrderAddress: defineRoute({
    key: 'PATCH /orders/{orderId}',
    summary:
      'Give a new shipping address, while the order is PENDING or CONFIRMED and not claimed for shipping',
    access: 'customer',
    path: orderPath,
    body: changeAddressBody,
    response: orderView,
    errors: [409],
    metric: 'OrderAddressChanged',
  }),
  getOrderHistory: defineRoute({
    key: 'GET /orders/{orderId}/history',
    summary: "The order's event timeline, oldest first (for an admin, of whichever order)",
    access: 'customer',
    path: orderPath,
    response: z.object({ items: z.array(historyEntryView) }),
  }),
  requestOrderCancellation: defineRoute({
    key: 'POST /orders/{orderId}/cancel',
    summary: 'Cancel a confirmed order that has not shipped: refund and stock release follow',
    access: 'customer',
    path: orderPath,
    successStatus: 202,
    response: orderAccepted,
    errors: [409],
    metric: 'OrderCancellationRequested',
  }),
};
