import { currentCorrelation } from '../../shared/correlation.js';
import type { OrdersDependencies } from './ports.js';

/**
 * OrderPlaced starts the order's saga, named after the order so that a
 * duplicate event cannot start a second run. An order the saga is already
 * done with, or has given up on, is left alone. That makes a duplicate a no-op without an inbox:
 * a Standard workflow refuses a second execution of the name; an Express
 * one may run twice (as Express itself may), which its idempotent tasks
 * make harmless (docs/architecture.md, "The saga").
 */
export const startOrderSaga = async (
  { orders, workflows }: Pick<OrdersDependencies, 'orders' | 'workflows'>,
  orderId: string,
): Promise<'STARTED' | 'SETTLED' | 'UNKNOWN_ORDER'> => {
  const order = await orders.get(orderId);
  if (!order) return 'UNKNOWN_ORDER';
  // Decided, or given up on (a late OrderPlaced, redriven after the order stalled).
  if (order.status !== 'PENDING' || order.abandonedAt) return 'SETTLED';
  await workflows.startOrderSaga({
    orderId,
    userId: order.userId,
    correlationId: currentCorrelation().correlationId,
    lines: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
    total: order.total,
    paymentToken: order.paymentToken,
  });
  return 'STARTED';
};
