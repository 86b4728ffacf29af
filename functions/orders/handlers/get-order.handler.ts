import { httpRoute } from '../../shared/http/http-route.js';
import { orderPath } from '../contracts/schemas.js';
import { ordersDependencies } from '../dependencies.js';
import { getOrder } from '../use-cases/read-orders.js';

export const getOrderHandler = (deps = ordersDependencies) =>
  httpRoute({ access: 'customer', path: orderPath }, ({ caller, path }) =>
    getOrder(deps(), caller.userId, path.orderId),
  );

export const handler = getOrderHandler();
