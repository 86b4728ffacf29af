import { httpRoute } from '../../shared/http/http-route.js';
import { ordersRoutes } from '../contracts/routes.js';
import { ordersDependencies } from '../dependencies.js';
import { listOrders } from '../use-cases/read-orders.js';

export const listOrdersHandler = (deps = ordersDependencies) =>
  httpRoute(ordersRoutes.listOrders, ({ caller, query }) => listOrders(deps(), caller.userId, query));

export const handler = listOrdersHandler();
