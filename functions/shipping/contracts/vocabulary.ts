/**
 * Shipping's words, defined once: where a shipment stands, and the moves a
 * carrier reports for a parcel on its way. Plain constants: importing them
 * costs a bundle nothing.
 */

/** The carrier's news of a parcel after it left (API.md's shipment events). */
export const TRACKING_STATUSES = [
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_FAILED',
  'DELIVERED',
  'RETURNED',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

/** READY to ship once its order is confirmed; SHIPPED, then tracked; or CANCELLED before it left. */
export const SHIPMENT_STATUSES = ['READY', 'SHIPPED', ...TRACKING_STATUSES, 'CANCELLED'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
