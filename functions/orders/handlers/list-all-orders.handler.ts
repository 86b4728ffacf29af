import { httpRoute } from '../../shared/http/http-route.js';
import { ordersRoutes } from '../contracts/routes.js';
import { ordersDependencies } from '../dependencies.js';
import { listAllOrders } from '../use-cases/read-orders.js';

export const listAllOrdersHandler = (deps = ordersDependencies) =>
  httpRoute(ordersRoutes.listAllOrders, ({ query }) => listAllOrders(deps(), query));

export const handler = listAllOrdersHandler();
