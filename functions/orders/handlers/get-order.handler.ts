import { httpRoute } from '../../shared/http/http-route.js';
import { ordersRoutes } from '../contracts/routes.js';
import { ordersDependencies } from '../dependencies.js';
import { getOrder } from '../use-cases/read-orders.js';

export const getOrderHandler = (deps = ordersDependencies) =>
  httpRoute(ordersRoutes.getOrder, ({ caller, path }) => getOrder(deps(), caller, path.orderId));

export const handler = getOrderHandler();
