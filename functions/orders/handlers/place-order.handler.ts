import { httpRoute } from '../../shared/http/http-route.js';
import { accepted } from '../../shared/http/responses.js';
import { ordersRoutes } from '../contracts/routes.js';
import { ordersDependencies } from '../dependencies.js';
import { placeOrder } from '../use-cases/place-order.js';

export const placeOrderHandler = (deps = ordersDependencies) =>
  httpRoute(ordersRoutes.placeOrder, async ({ caller, body, headers }) => {
    const result = await placeOrder(deps(), {
      userId: caller.userId,
      idempotencyKey: headers['idempotency-key'],
      request: { route: ordersRoutes.placeOrder.key, body },
      items: body.items,
      shippingAddress: body.shippingAddress,
      paymentToken: body.paymentToken,
    });
    return accepted(result, `/orders/${result.orderId}`);
  });

export const handler = placeOrderHandler();
