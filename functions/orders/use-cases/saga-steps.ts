import { OrderCancelled, OrderConfirmed, OrderNeedsAttention } from '../contracts/events.js';
import type { StepFailure } from '../contracts/order-saga.js';
import { OrderNotPendingError, StockNoLongerHeldError } from '../domain/errors.js';
import {
  type CancellationReason,
  cancellableFrom,
  cancellationReasonFor,
  decideAbandonment,
  type OrderStatus,
} from '../domain/order.js';
import { moveOrder, onFreshOrder } from './order-changes.js';
import type { ConfirmationDependencies, OrdersDependencies } from './ports.js';

type Deps = Pick<OrdersDependencies, 'orders' | 'clock'>;

/**
 * The saga's pivot: the order's held units are sold (inventory's
 * CommitInventory), then the order goes PENDING → CONFIRMED, its
 * OrderConfirmed saying where the units leave from. Selling first means an
 * order is never confirmed on stock its hold gave back: inventory refuses a
 * hold that ran out, and so does this step (StockNoLongerHeldError), and the
 * saga compensates. Idempotent, as the sale is: an order already confirmed
 * (or shipped since) is success; an order the shop gave up on (abandoned,
 * cancelled, set aside) is refused before anything is sold, and the saga
 * compensates. The write is conditional on the order not being abandoned,
 * so the gate and the pivot never both win; units sold for an order the
 * gate won are given back by the compensation (ReleaseInventory).
 */
export const confirmOrder = (
  deps: ConfirmationDependencies,
  orderId: string,
): Promise<{ orderId: string; status: 'CONFIRMED'; changed: boolean }> =>
  onFreshOrder(deps, orderId, async (order) => {
    if (order.status === 'CONFIRMED' || order.status === 'SHIPPED' || order.status === 'DELIVERED')
      return { orderId, status: 'CONFIRMED', changed: false };
    if (order.status !== 'PENDING' || order.abandonedAt)
      throw new OrderNotPendingError(orderId, order.abandonedAt ? 'abandoned' : order.status);
    const sale = await deps.stock.commit(orderId);
    if (sale.outcome === 'NOT_HELD') throw new StockNoLongerHeldError(orderId);
    const event = OrderConfirmed.create(
      { orderId, userId: order.userId, items: [...order.items], total: order.total, shipFrom: sale.shipFrom },
      deps.clock(),
    );
    return (await moveOrder(deps, order, 'PENDING', { status: 'CONFIRMED' }, event))
      ? { orderId, status: 'CONFIRMED', changed: true }
      : undefined;
  });

/**
 * The compensations' gate (see `decideAbandonment`): a PENDING order is
 * marked abandoned in one conditional write, which a confirmation can no
 * longer pass; the workflow compensates it. A confirmed order is kept, and
 * the workflow ends without undoing anything.
 */
export const abandonOrder = (
  deps: Deps,
  input: { orderId: string; customerRequest?: boolean },
): Promise<{ orderId: string; status: OrderStatus; decision: 'KEEP' | 'COMPENSATE' }> =>
  onFreshOrder(deps, input.orderId, async (order) => {
    const decision = decideAbandonment(order, input.customerRequest === true);
    if (decision !== 'ABANDON') return { orderId: order.orderId, status: order.status, decision };
    return (await deps.orders.abandon(order.orderId, deps.clock().toISOString()))
      ? { orderId: order.orderId, status: order.status, decision: 'COMPENSATE' as const }
      : undefined;
  });

/**
 * The last compensation: the order ends CANCELLED with the reason the saga's
 * state gives, or RETURNED for a parcel that came back. A saga cancels a
 * PENDING order; a requested cancellation a CONFIRMED or SHIPPED one whose
 * cancellation was asked for; an operator's run of the cancellation an order
 * set aside that the gate let through. An order already cancelled, or any
 * other, stays as it is.
 */
export const cancelOrder = (
  deps: Deps,
  input: Parameters<typeof cancellationReasonFor>[0] & { orderId: string },
): Promise<{ orderId: string; status: 'CANCELLED' | 'UNCHANGED'; reason?: CancellationReason }> =>
  onFreshOrder(deps, input.orderId, async (order) => {
    if (order.status === 'CANCELLED') return { orderId: input.orderId, status: 'CANCELLED' as const };
    const from = cancellableFrom(order, input.customerRequest === true);
    if (!from) return { orderId: input.orderId, status: 'UNCHANGED' as const };
    const reason: CancellationReason = order.returnedAt ? 'RETURNED' : cancellationReasonFor(input);
    const event = OrderCancelled.create(
      { orderId: order.orderId, userId: order.userId, reason, total: order.total },
      deps.clock(),
    );
    return (await moveOrder(deps, order, from, { status: 'CANCELLED', cancellationReason: reason }, event))
      ? { orderId: input.orderId, status: 'CANCELLED' as const, reason }
      : undefined;
  });

/** The saga's failures, the compensations' first: the one that failed last is reported. */
const FAILURE_KEYS = [
  'cancellationFailure',
  'releaseFailure',
  'refundFailure',
  'abandonFailure',
  'confirmationFailure',
  'commitFailure',
  'paymentFailure',
  'reservationFailure',
] as const;

type FailureState = { readonly [K in (typeof FAILURE_KEYS)[number]]?: StepFailure };

/** The compensation that failed (or, failing that, the forward step), for the operator. */
const firstFailure = (state: FailureState): { step: string; error: string } => {
  for (const key of FAILURE_KEYS) {
    const failure = state[key];
    if (failure) return { step: key.replace(/Failure$/, ''), error: failure.Error };
  }
  return { step: 'unknown', error: 'unknown' };
};

/**
 * Sets the order aside as NEEDS_ATTENTION (never silently lost) for an
 * operator, who sees which step failed in its timeline: a compensation that
 * could not finish after all its retries, or an order that stalled too often.
 * An order still PENDING is abandoned with it: it can no longer be confirmed.
 * An order the gate keeps (confirmed, its customer not cancelling) is left
 * as it is: nothing of it is undone, whichever compensation failed — even
 * the gate itself — and it is a good order, not one for an operator.
 */
export const setAside = (
  deps: Deps,
  orderId: string,
  why: { step: string; error: string },
): Promise<{ orderId: string; status: 'NEEDS_ATTENTION' | 'UNCHANGED' }> =>
  onFreshOrder(deps, orderId, async (order) => {
    if (order.status === 'NEEDS_ATTENTION') return { orderId, status: 'NEEDS_ATTENTION' as const };
    const kept = decideAbandonment(order, true) === 'KEEP';
    const open = order.status === 'PENDING' || order.status === 'CONFIRMED' || order.status === 'SHIPPED';
    if (!open || kept) return { orderId, status: 'UNCHANGED' as const };
    const event = OrderNeedsAttention.create(
      { orderId: order.orderId, userId: order.userId, failedStep: why.step, error: why.error },
      deps.clock(),
    );
    const change = {
      status: 'NEEDS_ATTENTION' as const,
      ...(order.status === 'PENDING' && !order.abandonedAt
        ? { abandonedAt: deps.clock().toISOString() }
        : {}),
    };
    return (await moveOrder(deps, order, order.status, change, event))
      ? { orderId, status: 'NEEDS_ATTENTION' as const }
      : undefined;
  });

/** The saga's last resort: a compensation failed after all its retries. */
export const markNeedsAttention = (deps: Deps, input: FailureState & { orderId: string }) =>
  setAside(deps, input.orderId, firstFailure(input));
