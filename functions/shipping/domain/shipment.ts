import type { CARRIERS } from '../contracts/schemas.js';

export type Carrier = (typeof CARRIERS)[number];

/**
 * A confirmed order's shipment: READY when the order is confirmed, SHIPPED
 * once an admin ships it, CANCELLED if the order is cancelled first.
 */
export interface Shipment {
  readonly orderId: string;
  readonly userId: string;
  readonly status: 'READY' | 'SHIPPED' | 'CANCELLED';
  readonly createdAt: string;
  readonly carrier?: Carrier;
  readonly trackingNumber?: string;
  readonly shippedAt?: string;
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
