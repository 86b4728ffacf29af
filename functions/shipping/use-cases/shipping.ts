import { OrderShipped } from '../contracts/events.js';
import type { ShipmentView } from '../contracts/schemas.js';
import { OrderNotShippableError, ShipmentNotFoundError } from '../domain/errors.js';
import { type Carrier, DEFAULT_CARRIER, trackingNumberFor } from '../domain/shipment.js';
import type { ShipOrderDependencies, ShippingDependencies } from './ports.js';

/** A confirmed order gets a shipment, ready to ship. Idempotent. */
export const prepareShipment = async (
  { shipments, clock }: Pick<ShippingDependencies, 'shipments' | 'clock'>,
  order: { orderId: string; userId: string },
): Promise<void> => {
  await shipments.create({ ...order, status: 'READY', createdAt: clock().toISOString() });
};

/** A cancelled order's shipment will not ship. An order already shipped stays shipped. */
export const cancelShipment = async (
  { shipments }: Pick<ShippingDependencies, 'shipments'>,
  orderId: string,
): Promise<'CANCELLED' | 'NOT_READY'> => {
  const shipment = await shipments.get(orderId);
  if (shipment?.status !== 'READY') return 'NOT_READY';
  return (await shipments.transition({ ...shipment, status: 'CANCELLED' }, 'READY', []))
    ? 'CANCELLED'
    : 'NOT_READY';
};

/**
 * An admin ships a confirmed order: a carrier and a tracking number, and
 * OrderShipped with them, in one write. Only a READY shipment ships, once,
 * and only once orders has claimed it (so its customer can no longer cancel).
 */
export const shipOrder = async (
  { shipments, clock, digits, claims }: ShipOrderDependencies,
  orderId: string,
  carrier: Carrier = DEFAULT_CARRIER,
): Promise<ShipmentView> => {
  const shipment = await shipments.get(orderId);
  if (shipment?.status !== 'READY')
    throw new OrderNotShippableError(shipment ? shipment.status : 'not confirmed');
  // Orders decides between a shipment and the customer's cancellation: never both.
  const claim = await claims.claim(orderId);
  if (!claim.claimed) throw new OrderNotShippableError(claim.status);
  const now = clock();
  const shippedAt = now.toISOString();
  const trackingNumber = trackingNumberFor(carrier, digits());
  const shipped = { ...shipment, status: 'SHIPPED' as const, carrier, trackingNumber, shippedAt };
  const event = OrderShipped.create(
    { orderId, userId: shipment.userId, carrier, trackingNumber, shippedAt },
    now,
  );
  if (!(await shipments.transition(shipped, 'READY', [event])))
    throw new OrderNotShippableError((await shipments.get(orderId))?.status ?? 'unknown');
  return { carrier, trackingNumber, status: 'SHIPPED', shippedAt };
};

/** The customer's shipment once it has shipped; anyone else's is not found. */
export const getShipment = async (
  { shipments }: Pick<ShippingDependencies, 'shipments'>,
  userId: string,
  orderId: string,
): Promise<ShipmentView> => {
  const shipment = await shipments.get(orderId);
  if (!shipment || shipment.userId !== userId || shipment.status !== 'SHIPPED' || !shipment.carrier)
    throw new ShipmentNotFoundError();
  return {
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber ?? '',
    status: 'SHIPPED',
    shippedAt: shipment.shippedAt ?? '',
  };
};
