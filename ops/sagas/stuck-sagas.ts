import { cancellationName } from '../../functions/orders/adapters/step-functions-workflows.js';
import type { OrderStatus } from '../../functions/orders/contracts/vocabulary.js';
import { awaitsOutcome } from '../../functions/orders/domain/order.js';

/**
 * Orders whose saga needs a look: set aside (NEEDS_ATTENTION), still PENDING
 * well past the saga's time budget, or a cancellation asked for (by the
 * customer, or by a returned parcel) that has not finished. Pure: the orders come from a table scan, the execution
 * states from Step Functions.
 */
export interface OrderRow {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly cancelRequestedAt?: string;
  /** How often the stalled-order sweep has started the order's cancellation again. */
  readonly stalls?: number;
}

export interface StuckSaga {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly why: 'NEEDS_ATTENTION' | 'PENDING_TOO_LONG' | 'CANCELLATION_UNFINISHED';
  readonly since: string;
  readonly execution: string;
}

export const findStuckSagas = (
  orders: readonly OrderRow[],
  now: Date,
  olderThanMs: number,
): Omit<StuckSaga, 'execution'>[] => {
  const stale = (at: string) => now.getTime() - Date.parse(at) > olderThanMs;
  return orders.flatMap((order): Omit<StuckSaga, 'execution'>[] => {
    const base = { orderId: order.orderId, userId: order.userId, status: order.status };
    if (order.status === 'NEEDS_ATTENTION')
      return [{ ...base, why: 'NEEDS_ATTENTION', since: order.updatedAt }];
    if (order.status === 'PENDING' && stale(order.createdAt))
      return [{ ...base, why: 'PENDING_TOO_LONG', since: order.createdAt }];
    if (
      order.status !== 'PENDING' &&
      awaitsOutcome(order) &&
      order.cancelRequestedAt &&
      stale(order.cancelRequestedAt)
    )
      return [{ ...base, why: 'CANCELLATION_UNFINISHED', since: order.cancelRequestedAt }];
    return [];
  });
};

/**
 * The execution deciding the order now: its saga, or, once the order was
 * asked to cancel or stalled, the latest attempt at its cancellation, named
 * as the orders service names it.
 */
export const latestExecution = (
  order: Pick<OrderRow, 'orderId' | 'status' | 'cancelRequestedAt' | 'stalls'>,
): { readonly machine: 'OrderSaga' | 'OrderCancellation'; readonly name: string } => {
  const customerRequest = order.status !== 'PENDING' && order.cancelRequestedAt !== undefined;
  if (!customerRequest && !order.stalls) return { machine: 'OrderSaga', name: order.orderId };
  return {
    machine: 'OrderCancellation',
    name: cancellationName({
      orderId: order.orderId,
      ...(customerRequest ? { customerRequest: true as const } : {}),
      attempt: order.stalls ?? 0,
    }),
  };
};
