import { httpRoute } from '../../shared/http/http-route.js';
import { ordersRoutes } from '../contracts/routes.js';
import { ordersDependencies } from '../dependencies.js';
import { getOrderHistory } from '../use-cases/read-orders.js';

export const getOrderHistoryHandler = (deps = ordersDependencies) =>
  httpRoute(ordersRoutes.getOrderHistory, ({ caller, path }) =>
    getOrderHistory(deps(), caller, path.orderId),
  );

export const handler = getOrderHistoryHandler();
