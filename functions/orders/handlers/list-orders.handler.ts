import { httpRoute } from '../../shared/http/http-route.js';
import { listOrdersQuery } from '../contracts/schemas.js';
import { ordersDependencies } from '../dependencies.js';
import { listOrders } from '../use-cases/read-orders.js';

export const listOrdersHandler = (deps = ordersDependencies) =>
  httpRoute({ access: 'customer', query: listOrdersQuery }, ({ caller, query }) =>
    listOrders(deps(), caller.userId, query),
  );

export const handler = listOrdersHandler();
