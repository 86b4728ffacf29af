import type { DomainEvent } from '../../shared/events/define-event.js';
import { OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/errors.js';
import { type Order, type OrderStatus, withStatus } from '../domain/order.js';
import { historyEntryOf } from './history.js';
import type { OrdersDependencies } from './ports.js';

type Deps = Pick<OrdersDependencies, 'orders' | 'clock'>;

/**
 * A conditional write loses only to another change of the same order, and
 * an order changes a handful of times in its life: a few fresh reads settle
 * any race. Past them the caller gets a transient error, to retry later.
 */
const MAX_TRIES = 5;

/**
 * Decides on a fresh read of the order until `decide` gives an answer
 * (undefined: its conditional write lost a race, read again), a few times.
 * @throws OrderNotFoundError, OrderChangedConcurrentlyError
 */
export const onFreshOrder = async <T>(
  { orders }: Pick<OrdersDependencies, 'orders'>,
  orderId: string,
  decide: (order: Order) => Promise<T | undefined>,
): Promise<T> => {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const order = await orders.get(orderId);
    if (!order) throw new OrderNotFoundError();
    const answer = await decide(order);
    if (answer !== undefined) return answer;
  }
  throw new OrderChangedConcurrentlyError(orderId);
};

/**
 * As `onFreshOrder`, for news another service brings of an order: an order
 * orders does not have is answered `unknown` rather than thrown.
 */
export const onKnownOrder = async <T>(
  deps: Pick<OrdersDependencies, 'orders'>,
  orderId: string,
  unknown: T,
  decide: (order: Order) => Promise<T | undefined>,
): Promise<T> => {
  try {
    return await onFreshOrder(deps, orderId, decide);
  } catch (error) {
    if (error instanceof OrderNotFoundError) return unknown;
    throw error;
  }
};

/**
 * Moves the order from `from` to the change's status with the change's
 * event in its timeline, as the domain's transition table allows: false
 * when it was no longer in `from` (or its abandonment changed). A decided
 * order keeps no due time.
 */
export const moveOrder = (
  { orders, clock }: Deps,
  order: Order,
  from: OrderStatus,
  change: Partial<Order> & { status: OrderStatus },
  event?: DomainEvent,
): Promise<boolean> =>
  orders.transition(
    withStatus(
      { ...order, ...change, status: order.status, updatedAt: clock().toISOString() },
      change.status,
    ),
    from,
    event ? [event] : [],
    event ? [historyEntryOf(event)] : [],
  );
