/**
 * Orders' words, defined once: the statuses an order moves through and why
 * one is cancelled. The domain types, the API's schemas, the events, the
 * notifications, the dashboard and the operations commands all take them
 * from here. Plain constants: importing them costs a bundle nothing.
 */

/**
 * API.md: PENDING → CONFIRMED → SHIPPED → DELIVERED; or CANCELLED; NEEDS_ATTENTION
 * when a compensation could not finish.
 */
export const ORDER_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'NEEDS_ATTENTION',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Orders still to be settled or shipped, which need the customer's address:
 * an account with one cannot be deleted. NEEDS_ATTENTION counts, since an
 * operator may still confirm it.
 */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'CONFIRMED', 'NEEDS_ATTENTION'];

export const CANCELLATION_REASONS = [
  'OUT_OF_STOCK',
  'PAYMENT_DECLINED',
  'PAYMENT_FAILED',
  'CUSTOMER_CANCELLED',
  'UNKNOWN_PRODUCT',
  /** The parcel came back to the shop: refunded and restocked as a cancellation is. */
  'RETURNED',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];
