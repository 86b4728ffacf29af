import type { DomainEvent } from '../../shared/events/define-event.js';
import { OrderCancelled, OrderConfirmed, OrderNeedsAttention } from '../contracts/events.js';
import type { StepFailure } from '../contracts/order-saga.js';
import { OrderNotFoundError, OrderNotPendingError } from '../domain/errors.js';
import {
  type CancellationReason,
  cancellationReasonFor,
  type Order,
  type OrderStatus,
} from '../domain/order.js';
import { historyEntryOf } from './history.js';
import type { OrdersDependencies } from './ports.js';

type Deps = Pick<OrdersDependencies, 'orders' | 'clock'>;

const load = async ({ orders }: Deps, orderId: string): Promise<Order> => {
  const order = await orders.get(orderId);
  if (!order) throw new OrderNotFoundError();
  return order;
};

/** Moves the order from `from` with the change's event; false when it was no longer in `from`. */
const move = (
  { orders, clock }: Deps,
  order: Order,
  from: OrderStatus,
  change: Partial<Order> & { status: OrderStatus },
  event: DomainEvent,
) =>
  orders.transition(
    { ...order, ...change, updatedAt: clock().toISOString() },
    from,
    [event],
    [historyEntryOf(event)],
  );

/**
 * The saga's pivot: PENDING → CONFIRMED. Idempotent: an order already
 * confirmed (or shipped since) is success; a cancelled or set-aside order
 * is refused, and the saga compensates.
 */
export const confirmOrder = async (
  deps: Deps,
  orderId: string,
): Promise<{ orderId: string; status: 'CONFIRMED'; changed: boolean }> => {
  for (;;) {
    const order = await load(deps, orderId);
    if (order.status === 'CONFIRMED' || order.status === 'SHIPPED')
      return { orderId, status: 'CONFIRMED', changed: false };
    if (order.status !== 'PENDING') throw new OrderNotPendingError(orderId, order.status);
    const event = OrderConfirmed.create(
      { orderId, userId: order.userId, items: [...order.items], total: order.total },
      deps.clock(),
    );
    if (await move(deps, order, 'PENDING', { status: 'CONFIRMED' }, event))
      return { orderId, status: 'CONFIRMED', changed: true };
  }
};

/**
 * The last compensation: the order ends CANCELLED with the reason the saga's
 * state gives. A saga cancels a PENDING order; a customer's cancellation a
 * CONFIRMED one. An order already cancelled, or set aside for an operator,
 * stays as it is.
 */
export const cancelOrder = async (
  deps: Deps,
  input: Parameters<typeof cancellationReasonFor>[0] & { orderId: string },
): Promise<{ orderId: string; status: 'CANCELLED' | 'UNCHANGED'; reason?: CancellationReason }> => {
  const reason: CancellationReason = cancellationReasonFor(input);
  const from: OrderStatus = input.customerRequest ? 'CONFIRMED' : 'PENDING';
  for (;;) {
    const order = await load(deps, input.orderId);
    if (order.status === 'CANCELLED') return { orderId: input.orderId, status: 'CANCELLED' };
    if (order.status !== from) return { orderId: input.orderId, status: 'UNCHANGED' };
    const event = OrderCancelled.create(
      { orderId: order.orderId, userId: order.userId, reason, total: order.total },
      deps.clock(),
    );
    if (await move(deps, order, from, { status: 'CANCELLED', cancellationReason: reason }, event))
      return { orderId: input.orderId, status: 'CANCELLED', reason };
  }
};

/** The saga's failures, the compensations' first: the one that failed last is reported. */
const FAILURE_KEYS = [
  'cancellationFailure',
  'releaseFailure',
  'refundFailure',
  'confirmationFailure',
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
 * A compensation could not finish after all its retries: the order is set
 * aside as NEEDS_ATTENTION (never silently lost) for an operator, who sees
 * which step failed in its timeline.
 */
export const markNeedsAttention = async (
  deps: Deps,
  input: FailureState & { orderId: string },
): Promise<{ orderId: string; status: 'NEEDS_ATTENTION' | 'UNCHANGED' }> => {
  const { step, error } = firstFailure(input);
  for (;;) {
    const order = await load(deps, input.orderId);
    if (order.status === 'NEEDS_ATTENTION') return { orderId: input.orderId, status: 'NEEDS_ATTENTION' };
    if (order.status !== 'PENDING' && order.status !== 'CONFIRMED')
      return { orderId: input.orderId, status: 'UNCHANGED' };
    const event = OrderNeedsAttention.create(
      { orderId: order.orderId, userId: order.userId, failedStep: step, error },
      deps.clock(),
    );
    if (await move(deps, order, order.status, { status: 'NEEDS_ATTENTION' }, event))
      return { orderId: input.orderId, status: 'NEEDS_ATTENTION' };
  }
};
