import { httpRoute } from '../../shared/http/http-route.js';
import { accepted } from '../../shared/http/responses.js';
import { ordersRoutes } from '../contracts/routes.js';
import { ordersDependencies } from '../dependencies.js';
import { requestCancellation } from '../use-cases/request-cancellation.js';

export const requestOrderCancellationHandler = (deps = ordersDependencies) =>
  httpRoute(ordersRoutes.requestOrderCancellation, async ({ caller, path, correlationId }) => {
    const result = await requestCancellation(deps(), caller.userId, path.orderId, correlationId);
    return accepted(result, `/orders/${path.orderId}`);
  });

export const handler = requestOrderCancellationHandler();
