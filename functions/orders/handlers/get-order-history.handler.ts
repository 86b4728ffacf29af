import { httpRoute } from '../../shared/http/http-route.js';
import { orderPath } from '../contracts/schemas.js';
import { ordersDependencies } from '../dependencies.js';
import { getOrderHistory } from '../use-cases/read-orders.js';

export const getOrderHistoryHandler = (deps = ordersDependencies) =>
  httpRoute({ access: 'customer', path: orderPath }, ({ caller, path }) =>
    getOrderHistory(deps(), caller.userId, path.orderId),
  );

export const handler = getOrderHistoryHandler();
