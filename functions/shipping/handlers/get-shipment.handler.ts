import { httpRoute } from '../../shared/http/http-route.js';
import { orderPath } from '../contracts/schemas.js';
import { shippingDependencies } from '../dependencies.js';
import { getShipment } from '../use-cases/shipping.js';

export const getShipmentHandler = (deps = shippingDependencies) =>
  httpRoute({ access: 'customer', path: orderPath }, ({ caller, path }) =>
    getShipment(deps(), caller.userId, path.orderId),
  );

export const handler = getShipmentHandler();
