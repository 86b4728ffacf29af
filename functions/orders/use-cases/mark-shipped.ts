import type { DomainEvent } from '../../shared/events/define-event.js';
import { withStatus } from '../domain/order.js';
import { historyEntryOf } from './history.js';
import { onKnownOrder } from './order-changes.js';
import type { OrdersDependencies } from './ports.js';

export type ShippedOutcome = 'SHIPPED' | 'ALREADY_SHIPPED' | 'NOT_SHIPPABLE' | 'UNKNOWN_ORDER';

/**
 * Shipping shipped the order: CONFIRMED → SHIPPED, with OrderShipped in its
 * timeline; a shipped order can no longer be cancelled. The carrier's later
 * news may come first (events come in any order): an order already
 * delivered, or whose parcel already came back, was shipped — its timeline
 * gets the entry, and a returned order still on its way moves to SHIPPED as
 * any other. An order whose customer's cancellation was requested (or is
 * done) is not moved: the shipment is recorded in its timeline and
 * reported, for an operator to settle.
 */
export const markShipped = async (
  { orders, clock }: Pick<OrdersDependencies, 'orders' | 'clock'>,
  event: Pick<DomainEvent<{ orderId: string }>, 'detailType' | 'detail'>,
): Promise<ShippedOutcome> => {
  const entry = historyEntryOf(event);
  return onKnownOrder({ orders }, event.detail.data.orderId, 'UNKNOWN_ORDER', async (order) => {
    if (order.status === 'SHIPPED') return 'ALREADY_SHIPPED';
    if (order.status === 'DELIVERED' || (order.status === 'CANCELLED' && order.returnedAt)) {
      // An entry recorded twice (a redelivery) is read as one.
      await orders.recordHistory(order.orderId, entry);
      return 'ALREADY_SHIPPED';
    }
    if (order.status !== 'CONFIRMED' || (order.cancelRequestedAt && !order.returnedAt)) {
      await orders.recordHistory(order.orderId, entry);
      return 'NOT_SHIPPABLE';
    }
    const shipped = withStatus({ ...order, updatedAt: clock().toISOString() }, 'SHIPPED');
    return (await orders.transition(shipped, 'CONFIRMED', [], [entry])) ? 'SHIPPED' : undefined;
  });
};
