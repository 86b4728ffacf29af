import type { DomainEvent } from '../../shared/events/define-event.js';
import { historyEntryOf } from './history.js';
import type { OrdersDependencies } from './ports.js';

/**
 * Another service's event about an order joins the order's timeline.
 * Keyed by the event's id, so a duplicate delivery adds nothing.
 */
export const recordHistory = async (
  { orders }: Pick<OrdersDependencies, 'orders'>,
  event: Pick<DomainEvent<{ orderId: string }>, 'detailType' | 'detail'>,
): Promise<void> => {
  await orders.recordHistory(event.detail.data.orderId, historyEntryOf(event));
};
