import { type Allocation, compareWarehouseIds } from '../../inventory/contracts/warehouses.js';
import type { CARRIERS, ShippingAddress } from '../contracts/schemas.js';
import type { ShipmentStatus, TrackingStatus } from '../contracts/vocabulary.js';
import { ShipmentMoveRefusedError } from './errors.js';

export type Carrier = (typeof CARRIERS)[number];

/** One piece of the carrier's news: the parcel's new status, when, and where. */
export interface TrackingEvent {
  readonly status: TrackingStatus;
  readonly at: string;
  readonly location?: string;
}

/**
 * A confirmed order's shipment: READY when the order is confirmed, SHIPPED
 * once an admin ships it (to the address orders gave when it claimed the
 * order), then moved on by the carrier's news until DELIVERED or RETURNED;
 * CANCELLED if the order is cancelled before it ships.
 */
export interface Shipment {
  readonly orderId: string;
  readonly userId: string;
  readonly status: ShipmentStatus;
  readonly createdAt: string;
  readonly carrier?: Carrier;
  readonly trackingNumber?: string;
  readonly shippedAt?: string;
  readonly shippingAddress?: ShippingAddress;
  /** The warehouse each line's units leave from, as inventory sold them. */
  readonly shipFrom?: readonly Allocation[];
  /** The carrier's news, oldest first. */
  readonly events?: readonly TrackingEvent[];
}

export const DEFAULT_CARRIER: Carrier = 'UPS';

/** A tracking number in the carrier's usual shape, from random digits. */
export const trackingNumberFor = (carrier: Carrier, digits: string): string => {
  switch (carrier) {
    case 'UPS':
      return `1Z${digits.slice(0, 16)}`;
    case 'FEDEX':
      return digits.slice(0, 12);
    case 'DHL':
      return `JD${digits.slice(0, 18)}`;
    case 'USPS':
      return `94${digits.slice(0, 20)}`;
  }
};

/**
 * The parcel's journey, forward only: each status lists the news that may
 * follow it. A failed delivery may be tried again (out for delivery once
 * more) up to `MAX_DELIVERY_ATTEMPTS` times; DELIVERED and RETURNED end it.
 */
const NEXT: Readonly<Record<ShipmentStatus, readonly TrackingStatus[]>> = {
  READY: [],
  SHIPPED: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED', 'DELIVERED', 'RETURNED'],
  IN_TRANSIT: ['OUT_FOR_DELIVERY', 'DELIVERY_FAILED', 'DELIVERED', 'RETURNED'],
  OUT_FOR_DELIVERY: ['DELIVERY_FAILED', 'DELIVERED', 'RETURNED'],
  DELIVERY_FAILED: ['OUT_FOR_DELIVERY', 'DELIVERED', 'RETURNED'],
  DELIVERED: [],
  RETURNED: [],
  CANCELLED: [],
};

/** Delivery attempts before the carrier must send the parcel back. */
export const MAX_DELIVERY_ATTEMPTS = 3;

/** How far ahead of the shop's clock a reported time may be (clocks differ). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The shipment once the carrier's news is recorded: only a move its journey
 * allows, at a time neither before the news it follows nor in the future.
 * @throws ShipmentMoveRefusedError (409) for a move the journey does not allow or a time before the last news;
 * the caller checks a time in the future (400) first.
 */
export const withTrackingEvent = (shipment: Shipment, event: TrackingEvent): Shipment => {
  if (!NEXT[shipment.status].includes(event.status))
    throw new ShipmentMoveRefusedError(
      shipment.status === 'READY' || shipment.status === 'CANCELLED'
        ? `The order has not shipped; it is ${shipment.status}.`
        : `A parcel that is ${shipment.status} cannot become ${event.status}.`,
    );
  const events = shipment.events ?? [];
  if (
    event.status === 'OUT_FOR_DELIVERY' &&
    events.filter((known) => known.status === 'OUT_FOR_DELIVERY').length >= MAX_DELIVERY_ATTEMPTS
  )
    throw new ShipmentMoveRefusedError(
      `The carrier tried ${MAX_DELIVERY_ATTEMPTS} times; the parcel can only be delivered or returned now.`,
    );
  const latest = events.at(-1)?.at ?? shipment.shippedAt ?? shipment.createdAt;
  if (event.at < latest)
    throw new ShipmentMoveRefusedError(
      `The news is dated ${event.at}, before the parcel's last (${latest}).`,
    );
  return { ...shipment, status: event.status, events: [...events, event] };
};

/** A shipment's lines by the warehouse they leave from: main first, then by id. */
export const byWarehouse = (shipFrom: readonly Allocation[]) => {
  const warehouses = new Map<string, { sku: string; quantity: number }[]>();
  for (const { warehouseId, sku, quantity } of shipFrom) {
    const lines = warehouses.get(warehouseId) ?? [];
    lines.push({ sku, quantity });
    warehouses.set(warehouseId, lines);
  }
  return [...warehouses]
    .sort(([a], [b]) => compareWarehouseIds(a, b))
    .map(([warehouseId, lines]) => ({ warehouseId, lines }));
};
