import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Order } from '../domain/order.js';
import { historyEntryOf } from './history.js';
import type { OrdersDependencies } from './ports.js';

export type ShippedOutcome = 'SHIPPED' | 'ALREADY_SHIPPED' | 'NOT_SHIPPABLE' | 'UNKNOWN_ORDER';

/**
 * Shipping shipped the order: CONFIRMED → SHIPPED, with OrderShipped in its
 * timeline; a shipped order can no longer be cancelled. An order whose
 * cancellation was requested (or is done) is not moved: the shipment is
 * recorded in its timeline and reported, for an operator to settle.
 */
export const markShipped = async (
  { orders, clock }: Pick<OrdersDependencies, 'orders' | 'clock'>,
  event: Pick<DomainEvent<{ orderId: string }>, 'detailType' | 'detail'>,
): Promise<ShippedOutcome> => {
  const entry = historyEntryOf(event);
  for (;;) {
    const order = await orders.get(event.detail.data.orderId);
    if (!order) return 'UNKNOWN_ORDER';
    if (order.status === 'SHIPPED') return 'ALREADY_SHIPPED';
    if (order.status !== 'CONFIRMED' || order.cancelRequestedAt) {
      await orders.recordHistory(order.orderId, entry);
      return 'NOT_SHIPPABLE';
    }
    const shipped: Order = { ...order, status: 'SHIPPED', updatedAt: clock().toISOString() };
    if (await orders.transition(shipped, 'CONFIRMED', [], [entry])) return 'SHIPPED';
  }
};
