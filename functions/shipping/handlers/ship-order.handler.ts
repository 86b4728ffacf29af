import { httpRoute } from '../../shared/http/http-route.js';
import { accepted } from '../../shared/http/responses.js';
import { shippingRoutes } from '../contracts/routes.js';
import { shipOrderDependencies } from '../dependencies.js';
import { shipOrder } from '../use-cases/shipping.js';

export const shipOrderHandler = (deps = shipOrderDependencies) =>
  httpRoute(shippingRoutes.shipOrder, async ({ path, body }) => {
    const shipment = await shipOrder(deps(), path.orderId, body.carrier);
    return accepted(shipment, `/orders/${path.orderId}/shipment`);
  });

export const handler = shipOrderHandler();
