import { OrderDelivered } from '../contracts/events.js';
import { dueAfter, isOnItsWay } from '../domain/order.js';
import { moveOrder, onKnownOrder } from './order-changes.js';
import type { OrdersDependencies } from './ports.js';

export type DeliveryOutcome = 'DELIVERED' | 'ALREADY_DELIVERED' | 'NOT_ON_ITS_WAY' | 'UNKNOWN_ORDER';

/**
 * The carrier delivered the parcel: the order is DELIVERED, with
 * OrderDelivered, from SHIPPED — or from CONFIRMED when it was claimed for
 * shipment and shipping's OrderShipped has not come yet (events come in any
 * order). A delivery heard of again changes nothing. An order not on its way
 * is not moved: the caller reports it.
 */
export const markDelivered = async (
  deps: Pick<OrdersDependencies, 'orders' | 'clock'>,
  news: { orderId: string; at: string },
): Promise<DeliveryOutcome> => {
  return onKnownOrder(deps, news.orderId, 'UNKNOWN_ORDER', async (order) => {
    if (order.status === 'DELIVERED') return 'ALREADY_DELIVERED';
    if (!isOnItsWay(order) || order.cancelRequestedAt) return 'NOT_ON_ITS_WAY';
    const event = OrderDelivered.create(
      { orderId: order.orderId, userId: order.userId, deliveredAt: news.at },
      deps.clock(),
    );
    return (await moveOrder(deps, order, order.status, { status: 'DELIVERED' }, event))
      ? 'DELIVERED'
      : undefined;
  });
};

export type ReturnOutcome = 'RETURNING' | 'NOT_ON_ITS_WAY' | 'UNKNOWN_ORDER';

/**
 * The parcel came back: the order is refunded and restocked through the
 * cancellation workflow, the saga's own compensations, and ends CANCELLED
 * (RETURNED). It is marked first — returned, its cancellation asked for and
 * due — so that the stalled-order sweep starts the workflow again if this
 * start is lost. The same news again starts the same attempt, which the
 * workflow names and so runs once.
 */
export const settleReturn = async (
  deps: Pick<OrdersDependencies, 'orders' | 'workflows' | 'clock'>,
  news: { orderId: string; correlationId: string },
): Promise<ReturnOutcome> => {
  return onKnownOrder(deps, news.orderId, 'UNKNOWN_ORDER', async (order) => {
    if (order.returnedAt) return start(deps, order, news.correlationId);
    if (!isOnItsWay(order) || order.cancelRequestedAt) return 'NOT_ON_ITS_WAY';
    const now = deps.clock();
    if (!(await deps.orders.markReturned(order.orderId, now.toISOString(), dueAfter(now)))) return undefined;
    return start(deps, order, news.correlationId);
  });
};

const start = async (
  { workflows }: Pick<OrdersDependencies, 'workflows'>,
  order: { orderId: string; userId: string; stalls?: number; status: string },
  correlationId: string,
): Promise<ReturnOutcome> => {
  // A settled return (the order cancelled, or set aside) has nothing left to start.
  if (order.status === 'CANCELLED' || order.status === 'NEEDS_ATTENTION') return 'RETURNING';
  await workflows.startCancellation({
    orderId: order.orderId,
    userId: order.userId,
    correlationId,
    // A requested cancellation: the gate lets it compensate an order on its way.
    customerRequest: true,
    attempt: order.stalls ?? 0,
  });
  return 'RETURNING';
};
