import type { DomainEvent } from '../../shared/events/define-event.js';
import type { ShippingAddress } from '../contracts/schemas.js';
import type { Shipment } from '../domain/shipment.js';

export interface ShipmentStore {
  get(orderId: string): Promise<Shipment | undefined>;
  /** Creates the shipment unless the order has one; resolves with whether it did. */
  create(shipment: Shipment): Promise<boolean>;
  /** Replaces the shipment if it is still in `from`, with its events; false otherwise. */
  transition(next: Shipment, from: Shipment['status'], events: readonly DomainEvent[]): Promise<boolean>;
  /** Replaces the shipment's address (what `anonymizedAddress` leaves of it), whatever its status. */
  replaceAddress(orderId: string, shippingAddress: ShippingAddress): Promise<void>;
}

export interface ShippingDependencies {
  readonly shipments: ShipmentStore;
  readonly clock: () => Date;
  /** Random decimal digits, for tracking numbers. */
  readonly digits: () => string;
}

/** Orders' answer before a parcel leaves (orders/contracts/claim-shipment.ts). */
export interface ShipmentClaims {
  claim(orderId: string): Promise<{ claimed: boolean; status: string; shippingAddress?: ShippingAddress }>;
}

export interface ShipOrderDependencies extends ShippingDependencies {
  readonly claims: ShipmentClaims;
}
