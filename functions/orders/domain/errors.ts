import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  TooManyRequestsError,
  TransientError,
  UnprocessableError,
} from '../../shared/errors.js';

/** Not the caller's order, or no such order: the same answer either way. */
export class OrderNotFoundError extends NotFoundError {
  readonly slug = 'order-not-found';
  constructor() {
    super('There is no such order.');
  }
}

/** How many orders one customer may have waiting for their saga at once. */
export const MAX_OPEN_ORDERS = 5;

/** The customer's newest orders are all still PENDING: wait for them before placing more. */
export class TooManyOpenOrdersError extends TooManyRequestsError {
  readonly slug = 'too-many-open-orders';
  constructor() {
    super(`At most ${MAX_OPEN_ORDERS} orders may be waiting for confirmation at once; retry shortly.`);
  }
}

export class IdempotencyKeyReusedError extends UnprocessableError {
  readonly slug = 'idempotency-key-reused';
  constructor() {
    super('This Idempotency-Key was used for a different request.');
  }
}

/** Lines the order cannot be placed with: unknown skus or too many of one. */
export class UnorderableItemsError extends InvalidInputError {
  readonly slug = 'unorderable-items';
}

export class EmptyCartError extends ConflictError {
  readonly slug = 'cart-empty';
  constructor() {
    super('The cart is empty; there is nothing to check out.');
  }
}

export class AddressNotChangeableError extends ConflictError {
  readonly slug = 'address-not-changeable';
  constructor(state: string) {
    super(`The shipping address of an order that is ${state} can no longer change.`);
  }
}

export class OrderNotCancellableError extends ConflictError {
  readonly slug = 'order-not-cancellable';
  constructor(status: string) {
    super(`An order that is ${status} cannot be cancelled.`);
  }
}

/** ConfirmOrder found the order no longer PENDING: a business refusal, never retried. */
export class OrderNotPendingError extends ConflictError {
  readonly slug = 'order-not-pending';
  constructor(orderId: string, status: string) {
    super(`Order ${orderId} is ${status}, not PENDING.`);
  }
}

/**
 * ConfirmOrder found the order's units no longer held for it: inventory gave
 * the hold back (it ran out) before the units could be sold. A business
 * refusal, never retried: the saga compensates, and the order is cancelled
 * OUT_OF_STOCK.
 */
export class StockNoLongerHeldError extends ConflictError {
  readonly slug = 'stock-no-longer-held';
  constructor(orderId: string) {
    super(`The stock of order ${orderId} is no longer held for it.`);
  }
}

/** The order kept changing under a conditional write, more often than a few tries settle: retry later. */
export class OrderChangedConcurrentlyError extends TransientError {
  readonly slug = 'order-changed-concurrently';
  constructor(orderId: string) {
    super(`Order ${orderId} kept changing concurrently; try again.`);
  }
}

/** A change the order's transition table does not allow: a defect in the caller, never a client's error. */
export class IllegalTransitionError extends Error {
  constructor(orderId: string, from: string, to: string) {
    super(`Order ${orderId} cannot move from ${from} to ${to}.`);
    this.name = 'IllegalTransitionError';
  }
}
