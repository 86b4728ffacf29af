import { currentCorrelation } from '../../shared/correlation.js';
import type { OrdersDependencies } from './ports.js';

/**
 * Inventory gave back the stock of an order whose hold ran out: if the order
 * is still PENDING, its saga stopped before the end (an Express execution
 * lost, one an operator stopped) and nothing else will finish it. The shop
 * gives up on it through the cancellation workflow: RefundPayment refunds
 * whatever was charged (it asks the provider when no charge was recorded),
 * ReleaseInventory finds nothing left to give back, and CancelOrder cancels
 * from PENDING as a payment that could not be completed (PAYMENT_FAILED). A
 * saga still running meanwhile meets the cancelled order at its next
 * conditional step and compensates. Any other release, or an order done
 * with, is left alone. Named after the order, the workflow starts once.
 */
export const cancelStalledOrder = async (
  { orders, workflows }: Pick<OrdersDependencies, 'orders' | 'workflows'>,
  released: { orderId: string; reason: string },
): Promise<'CANCELLING' | 'NOT_STALLED' | 'UNKNOWN_ORDER'> => {
  if (released.reason !== 'EXPIRED') return 'NOT_STALLED';
  const order = await orders.get(released.orderId);
  if (!order) return 'UNKNOWN_ORDER';
  if (order.status !== 'PENDING') return 'NOT_STALLED';
  await workflows.startCancellation({
    orderId: order.orderId,
    userId: order.userId,
    correlationId: currentCorrelation().correlationId,
  });
  return 'CANCELLING';
};
