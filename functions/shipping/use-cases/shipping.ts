import type { Allocation } from '../../inventory/contracts/warehouses.js';
import { anonymizedAddress } from '../../orders/contracts/schemas.js';
import type { Caller } from '../../shared/http/caller.js';
import { OrderShipped, ShipmentStatusChanged } from '../contracts/events.js';
import type { ShipmentView } from '../contracts/schemas.js';
import type { TrackingStatus } from '../contracts/vocabulary.js';
import {
  OrderNotShippableError,
  ShipmentMoveRefusedError,
  ShipmentNotFoundError,
  TrackingTimeInFutureError,
} from '../domain/errors.js';
import {
  byWarehouse,
  type Carrier,
  CLOCK_SKEW_MS,
  DEFAULT_CARRIER,
  type Shipment,
  trackingNumberFor,
  withTrackingEvent,
} from '../domain/shipment.js';
import type { ShipOrderDependencies, ShippingDependencies } from './ports.js';

/** What a customer (or an admin) sees of a shipment that left. */
const toShipmentView = (shipment: Shipment & { carrier: Carrier }): ShipmentView => ({
  carrier: shipment.carrier,
  trackingNumber: shipment.trackingNumber ?? '',
  status: shipment.status,
  shippedAt: shipment.shippedAt ?? '',
  ...(shipment.shippingAddress ? { shippingAddress: shipment.shippingAddress } : {}),
  warehouses: byWarehouse(shipment.shipFrom ?? []),
  events: (shipment.events ?? []).map(({ status, at, location }) => ({
    status,
    at,
    ...(location ? { location } : {}),
  })),
});

const hasLeft = (shipment: Shipment | undefined): shipment is Shipment & { carrier: Carrier } =>
  shipment?.carrier !== undefined && shipment.status !== 'READY' && shipment.status !== 'CANCELLED';

/** A confirmed order gets a shipment, ready to ship. Idempotent. */
export const prepareShipment = async (
  { shipments, clock }: Pick<ShippingDependencies, 'shipments' | 'clock'>,
  order: { orderId: string; userId: string; shipFrom: readonly Allocation[] },
): Promise<void> => {
  await shipments.create({ ...order, status: 'READY', createdAt: clock().toISOString() });
};

/**
 * The order's customer deleted their account: the shipment's address goes
 * as the order's did (the country kept). Again for the same order, nothing changes.
 */
export const anonymizeShipment = async (
  { shipments }: Pick<ShippingDependencies, 'shipments'>,
  orderId: string,
): Promise<void> => {
  const shipment = await shipments.get(orderId);
  if (!shipment?.shippingAddress) return;
  await shipments.replaceAddress(orderId, anonymizedAddress(shipment.shippingAddress));
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
  const shipped = {
    ...shipment,
    status: 'SHIPPED' as const,
    carrier,
    trackingNumber,
    shippedAt,
    ...(claim.shippingAddress ? { shippingAddress: claim.shippingAddress } : {}),
  };
  const event = OrderShipped.create(
    { orderId, userId: shipment.userId, carrier, trackingNumber, shippedAt },
    now,
  );
  if (!(await shipments.transition(shipped, 'READY', [event])))
    throw new OrderNotShippableError((await shipments.get(orderId))?.status ?? 'unknown');
  return toShipmentView(shipped);
};

/** The customer's shipment once it has shipped (for an admin, whichever order's); anyone else's is not found. */
export const getShipment = async (
  { shipments }: Pick<ShippingDependencies, 'shipments'>,
  caller: Pick<Caller, 'userId' | 'isAdmin'>,
  orderId: string,
): Promise<ShipmentView> => {
  const shipment = await shipments.get(orderId);
  if (!hasLeft(shipment) || (shipment.userId !== caller.userId && !caller.isAdmin))
    throw new ShipmentNotFoundError();
  return toShipmentView(shipment);
};

/** Attempts at recording news when another admin's news lands first: each is a fresh read. */
const MAX_TRIES = 3;

/**
 * An admin records the carrier's news of a shipped parcel: forward moves
 * only (`withTrackingEvent`), each with ShipmentStatusChanged in the same
 * write. The same news twice is refused (409), as any other move back is:
 * the shipment shows what was recorded.
 * @throws ShipmentNotFoundError, ShipmentMoveRefusedError, TrackingTimeInFutureError
 */
export const recordTrackingEvent = async (
  { shipments, clock }: Pick<ShippingDependencies, 'shipments' | 'clock'>,
  orderId: string,
  news: { status: TrackingStatus; at?: string; location?: string },
): Promise<ShipmentView> => {
  const now = clock();
  const at = news.at === undefined ? now.toISOString() : new Date(news.at).toISOString();
  if (Date.parse(at) > now.getTime() + CLOCK_SKEW_MS) throw new TrackingTimeInFutureError();
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const shipment = await shipments.get(orderId);
    if (!shipment) throw new ShipmentNotFoundError();
    const event = { status: news.status, at, ...(news.location ? { location: news.location } : {}) };
    const next = withTrackingEvent(shipment, event);
    if (!hasLeft(next)) throw new ShipmentNotFoundError();
    const changed = ShipmentStatusChanged.create(
      {
        orderId,
        userId: shipment.userId,
        ...event,
        carrier: next.carrier,
        trackingNumber: next.trackingNumber ?? '',
      },
      now,
    );
    if (await shipments.transition(next, shipment.status, [changed])) return toShipmentView(next);
  }
  throw new ShipmentMoveRefusedError('Other news of this parcel was being recorded; read it and try again.');
};
