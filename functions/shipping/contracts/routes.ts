import { orderPath } from '../../orders/contracts/ids.js';
import { defineRoute } from '../../shared/http/route-spec.js';
import { shipmentView, shipOrderBody, trackingEventBody } from './schemas.js';

/** The shipping service's HTTP routes (API.md). */
export const shippingRoutes = {
  shipOrder: defineRoute({
    key: 'POST /orders/{orderId}/ship',
    summary: 'Ship a confirmed order',
    access: 'admin',
    path: orderPath,
    body: shipOrderBody,
    successStatus: 202,
    response: shipmentView,
    errors: [409],
    metric: 'OrderShipped',
  }),
  getShipment: defineRoute({
    key: 'GET /orders/{orderId}/shipment',
    summary: "The shipment of one of the caller's orders (an admin's: of any order), with the carrier's news",
    access: 'customer',
    path: orderPath,
    response: shipmentView,
  }),
  recordShipmentEvent: defineRoute({
    key: 'POST /orders/{orderId}/shipment/events',
    summary:
      "Record the carrier's news of a shipped parcel, forward only: DELIVERED delivers the order, RETURNED refunds and restocks it",
    access: 'admin',
    path: orderPath,
    body: trackingEventBody,
    successStatus: 201,
    response: shipmentView,
    errors: [409],
    metric: 'ShipmentStatusChanged',
  }),
};
