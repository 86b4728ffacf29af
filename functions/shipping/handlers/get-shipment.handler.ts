import { httpRoute } from '../../shared/http/http-route.js';
import { shippingRoutes } from '../contracts/routes.js';
import { shippingDependencies } from '../dependencies.js';
import { getShipment } from '../use-cases/shipping.js';

export const getShipmentHandler = (deps = shippingDependencies) =>
  httpRoute(shippingRoutes.getShipment, ({ caller, path }) => getShipment(deps(), caller, path.orderId));

export const handler = getShipmentHandler();
