import { OrderAnonymized, OrderCancelled, OrderConfirmed } from '../orders/contracts/events.js';
import { defineService } from '../shared/service-manifest.js';
import { ShippingTable } from './adapters/shipping-table.js';
import { shipOrderConfig, shippingConfig } from './config.js';
import { shippingRoutes } from './contracts/routes.js';

/**
 * A shipment per confirmed order, shipped by an admin with a carrier and
 * tracking number, then tracked by the carrier's news to its end.
 */
export const shippingService = defineService({
  name: 'shipping',
  purpose: 'a shipment per confirmed order, shipped by an admin and tracked to delivery or return',
  table: ShippingTable,
  outbox: true,
  functions: {
    ShipOrder: {
      config: shipOrderConfig,
      table: 'readWrite',
      // Orders' ClaimShipment contract, asked before a parcel leaves.
      calls: ['orders.ClaimShipment'],
      trigger: { route: shippingRoutes.shipOrder },
    },
    GetShipment: { config: shippingConfig, table: 'read', trigger: { route: shippingRoutes.getShipment } },
    RecordShipmentEvent: {
      config: shippingConfig,
      table: 'readWrite',
      trigger: { route: shippingRoutes.recordShipmentEvent },
    },
    PrepareShipment: { config: shippingConfig, table: 'readWrite', trigger: { events: [OrderConfirmed] } },
    CancelShipment: { config: shippingConfig, table: 'readWrite', trigger: { events: [OrderCancelled] } },
    AnonymizeShipment: { config: shippingConfig, table: 'readWrite', trigger: { events: [OrderAnonymized] } },
  },
});
