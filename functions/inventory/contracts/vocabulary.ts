/** Why inventory refuses a reservation, defined once for its domain, its saga task and its events. */
export const RESERVATION_FAILURE_REASONS = ['OUT_OF_STOCK', 'UNKNOWN_PRODUCT'] as const;
export type ReservationFailureReason = (typeof RESERVATION_FAILURE_REASONS)[number];
