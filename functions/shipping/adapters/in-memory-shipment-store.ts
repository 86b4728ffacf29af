import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Shipment } from '../domain/shipment.js';
import type { ShipmentStore } from '../use-cases/ports.js';

/** The shipment store's twin in memory, for tests. */
export class InMemoryShipments {
  readonly shipments = new Map<string, Shipment>();
  readonly outbox: DomainEvent[] = [];

  readonly store: ShipmentStore = {
    get: async (orderId) => this.shipments.get(orderId),
    create: async (shipment) => {
      if (this.shipments.has(shipment.orderId)) return false;
      this.shipments.set(shipment.orderId, shipment);
      return true;
    },
    transition: async (next, from, events) => {
      if (this.shipments.get(next.orderId)?.status !== from) return false;
      this.shipments.set(next.orderId, next);
      this.outbox.push(...events);
      return true;
    },
    replaceAddress: async (orderId, shippingAddress) => {
      const shipment = this.shipments.get(orderId);
      if (shipment) this.shipments.set(orderId, { ...shipment, shippingAddress });
    },
  };
}
