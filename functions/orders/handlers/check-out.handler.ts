import { httpRoute } from '../../shared/http/http-route.js';
import { accepted } from '../../shared/http/responses.js';
import { ordersRoutes } from '../contracts/routes.js';
import { ordersDependencies } from '../dependencies.js';
import { checkOut } from '../use-cases/place-order.js';

export const checkOutHandler = (deps = ordersDependencies) =>
  httpRoute(ordersRoutes.checkOut, async ({ caller, body, headers }) => {
    const result = await checkOut(deps(), {
      userId: caller.userId,
      idempotencyKey: headers['idempotency-key'],
      request: { route: ordersRoutes.checkOut.key, body },
      shippingAddress: body.shippingAddress,
      paymentToken: body.paymentToken,
    });
    return accepted(result, `/orders/${result.orderId}`);
  });

export const handler = checkOutHandler();
