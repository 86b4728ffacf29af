import { httpRoute } from '../../shared/http/http-route.js';
import { created } from '../../shared/http/responses.js';
import { shippingRoutes } from '../contracts/routes.js';
import { shippingDependencies } from '../dependencies.js';
import { recordTrackingEvent } from '../use-cases/shipping.js';

export const recordShipmentEventHandler = (deps = shippingDependencies) =>
  httpRoute(shippingRoutes.recordShipmentEvent, async ({ path, body }) =>
    created(await recordTrackingEvent(deps(), path.orderId, body), `/orders/${path.orderId}/shipment`),
  );

export const handler = recordShipmentEventHandler();
