import { randomUUID } from 'node:crypto';
import { awaitsOutcome, dueAfter, MAX_STALLS } from '../domain/order.js';
import { onFreshOrder } from './order-changes.js';
import type { OrdersDependencies } from './ports.js';
import { setAside } from './saga-steps.js';

export type StallOutcome = 'NOT_DUE' | 'CANCELLING' | 'SET_ASIDE';

/**
 * A workflow was deciding the order and has not by its due time: the saga
 * stopped (an Express execution lost or timed out, a task that never
 * answered, an `OrderPlaced` stuck in a dead-letter queue) or the
 * customer's cancellation did. Nothing else would finish it, so the shop
 * starts the cancellation workflow, under a name of its own for this
 * attempt. For a PENDING order, its gate abandons the order (unless the
 * saga confirmed it meanwhile: then the order is kept), RefundPayment
 * refunds whatever was charged (it asks the provider when no charge was
 * recorded), ReleaseInventory gives back what is held, and CancelOrder
 * cancels it as a payment that could not be completed (PAYMENT_FAILED).
 * For a customer's cancellation, the same with CUSTOMER_CANCELLED; for a
 * returned parcel's, with RETURNED. Each
 * stall pushes the due time on, so a running attempt gets its time; an
 * order that stalls more than `MAX_STALLS` times is set aside for an
 * operator, abandoned so that it can no longer be confirmed.
 */
export const settleStalledOrder = (
  deps: Pick<OrdersDependencies, 'orders' | 'workflows' | 'clock'>,
  orderId: string,
  correlationId: string,
): Promise<StallOutcome> =>
  onFreshOrder(deps, orderId, async (order) => {
    const now = deps.clock();
    if (!order.dueAt || order.dueAt >= now.toISOString() || !awaitsOutcome(order)) return 'NOT_DUE';
    const stalls = (order.stalls ?? 0) + 1;
    if (stalls > MAX_STALLS) {
      await setAside(deps, orderId, {
        step: order.status === 'PENDING' ? 'saga' : 'cancellation',
        error: `Stalled ${MAX_STALLS} times`,
      });
      return 'SET_ASIDE';
    }
    if (!(await deps.orders.reschedule(orderId, order.dueAt, { dueAt: dueAfter(now), stalls })))
      return undefined;
    await deps.workflows.startCancellation({
      orderId,
      userId: order.userId,
      correlationId,
      attempt: stalls,
      // A cancellation asked for (the customer's, or a returned parcel's) runs as one.
      ...(order.status !== 'PENDING' ? { customerRequest: true as const } : {}),
    });
    return 'CANCELLING';
  });

/** How many overdue orders one sweep takes on; the next sweep takes the rest. */
const BATCH = 100;

/**
 * The stalled-order sweep, on a schedule: every order overdue for its
 * outcome, longest overdue first, each under a correlation id of its own.
 */
export const settleStalledOrders = async (
  deps: Pick<OrdersDependencies, 'orders' | 'workflows' | 'clock'>,
): Promise<Record<StallOutcome, number>> => {
  const counts: Record<StallOutcome, number> = { NOT_DUE: 0, CANCELLING: 0, SET_ASIDE: 0 };
  for (const orderId of await deps.orders.overdueOrderIds(deps.clock(), BATCH))
    counts[await settleStalledOrder(deps, orderId, randomUUID())]++;
  return counts;
};
