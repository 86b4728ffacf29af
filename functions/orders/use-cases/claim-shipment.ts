import type { ShippingAddress } from '../domain/order.js';
import { onKnownOrder } from './order-changes.js';
import type { OrdersDependencies } from './ports.js';

export interface ShipmentClaim {
  readonly claimed: boolean;
  /** The order's status, or CANCELLATION_REQUESTED, or UNKNOWN. */
  readonly status: string;
  /** The address the parcel goes to, when claimed. */
  readonly shippingAddress?: ShippingAddress;
}

/**
 * Shipping's question before a parcel leaves. A confirmed order whose
 * customer has not asked to cancel is claimed (and can no longer be
 * cancelled, nor its address changed), with the address it ships to: the
 * claim is written only if the order is still as it was read, so an address
 * changed meanwhile is never left behind. Asking again for a claimed or
 * shipped order is a yes, so a shipment that failed after its claim can be
 * retried. Anything else is a no: one of the two, the cancellation or the
 * shipment, always wins, never both.
 */
export const claimShipment = async (
  { orders, clock }: Pick<OrdersDependencies, 'orders' | 'clock'>,
  orderId: string,
): Promise<ShipmentClaim> => {
  return onKnownOrder({ orders }, orderId, { claimed: false, status: 'UNKNOWN' }, async (order) => {
    const { shippingAddress } = order;
    if (
      order.status === 'SHIPPED' ||
      order.status === 'DELIVERED' ||
      (order.status === 'CONFIRMED' && order.shipmentClaimedAt)
    )
      return { claimed: true, status: order.status, shippingAddress };
    if (order.cancelRequestedAt) return { claimed: false, status: 'CANCELLATION_REQUESTED' };
    if (order.status !== 'CONFIRMED') return { claimed: false, status: order.status };
    return (await orders.claimShipment(orderId, clock().toISOString(), order.revision))
      ? { claimed: true, status: 'CONFIRMED', shippingAddress }
      : undefined;
  });
};
