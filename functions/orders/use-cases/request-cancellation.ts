import { OrderNotCancellableError } from '../domain/errors.js';
import { customerMayCancel, type Order } from '../domain/order.js';
import type { OrdersDependencies } from './ports.js';
import { ownOrder } from './read-orders.js';

const describe = (order: Order) => (order.shipmentClaimedAt ? 'being shipped' : order.status);

/**
 * A customer cancels a confirmed order that has not shipped. The order is
 * marked first (so it cannot ship meanwhile), then the cancellation workflow
 * refunds, releases the stock and cancels through the saga's compensation
 * tasks. Asking again while it runs is answered the same way.
 */
export const requestCancellation = async (
  deps: Pick<OrdersDependencies, 'orders' | 'workflows' | 'clock'>,
  userId: string,
  orderId: string,
  correlationId: string,
): Promise<{ orderId: string; status: string }> => {
  const order = await ownOrder(deps, userId, orderId);
  if (!customerMayCancel(order)) throw new OrderNotCancellableError(describe(order));
  if (!order.cancelRequestedAt) {
    const marked = await deps.orders.requestCancellation(orderId, deps.clock().toISOString());
    if (!marked) {
      const now = await ownOrder(deps, userId, orderId);
      if (!now.cancelRequestedAt) throw new OrderNotCancellableError(describe(now));
    }
  }
  // Named after the order, so a repeated request cannot start a second cancellation.
  await deps.workflows.startCancellation({ orderId, userId, correlationId, customerRequest: true });
  return { orderId, status: order.status };
};
