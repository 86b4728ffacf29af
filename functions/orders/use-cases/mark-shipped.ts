import type { DomainEvent } from '../../shared/events/define-event.js';
import { OrderNotFoundError } from '../domain/errors.js';
import { withStatus } from '../domain/order.js';
import { historyEntryOf } from './history.js';
import { onFreshOrder } from './order-changes.js';
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
  try {
    return await onFreshOrder({ orders }, event.detail.data.orderId, async (order) => {
      if (order.status === 'SHIPPED') return 'ALREADY_SHIPPED';
      if (order.status !== 'CONFIRMED' || order.cancelRequestedAt) {
        await orders.recordHistory(order.orderId, entry);
        return 'NOT_SHIPPABLE';
      }
      const shipped = withStatus({ ...order, updatedAt: clock().toISOString() }, 'SHIPPED');
      return (await orders.transition(shipped, 'CONFIRMED', [], [entry])) ? 'SHIPPED' : undefined;
    });
  } catch (error) {
    if (error instanceof OrderNotFoundError) return 'UNKNOWN_ORDER';
    throw error;
  }
};
