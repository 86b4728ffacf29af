import { OrderNotCancellableError } from '../domain/errors.js';
import { customerMayCancel, dueAfter, type Order } from '../domain/order.js';
import type { OrdersDependencies } from './ports.js';
import { ownOrder } from './read-orders.js';

const describe = (order: Order) => (order.shipmentClaimedAt ? 'being shipped' : order.status);

/**
 * A customer cancels a confirmed order that has not shipped. The order is
 * marked first (so it cannot ship meanwhile), due to be cancelled within the
 * workflow's time, then the cancellation workflow refunds, releases the
 * stock and cancels through the saga's compensation tasks. Asking again
 * while it runs is answered the same way and starts nothing new; an attempt
 * that stopped before the end is started again, under a new name, by the
 * stalled-order sweep once the order is overdue, so a request never hangs.
 */
export const requestCancellation = async (
  deps: Pick<OrdersDependencies, 'orders' | 'workflows' | 'clock'>,
  userId: string,
  orderId: string,
  correlationId: string,
): Promise<{ orderId: string; status: string }> => {
  const order = await ownOrder(deps, userId, orderId);
  if (!customerMayCancel(order)) throw new OrderNotCancellableError(describe(order));
  let marked = order;
  if (!order.cancelRequestedAt) {
    const now = deps.clock();
    if (!(await deps.orders.requestCancellation(orderId, now.toISOString(), dueAfter(now)))) {
      marked = await ownOrder(deps, userId, orderId);
      if (!marked.cancelRequestedAt) throw new OrderNotCancellableError(describe(marked));
    }
  }
  // Named after the order and its attempt, so a repeated request cannot start a second run of it.
  await deps.workflows.startCancellation({
    orderId,
    userId,
    correlationId,
    customerRequest: true,
    attempt: marked.stalls ?? 0,
  });
  return { orderId, status: order.status };
};
