import { CommitRefusals, ReservationRefusals } from '../../inventory/contracts/saga-tasks.js';
import { PaymentRefusals } from '../../payments/contracts/saga-tasks.js';
import { MAX_AMOUNT, type Money, money } from '../../shared/money.js';
import { ConfirmationRefusals } from '../contracts/order-saga.js';
import type { CancellationReason, OrderStatus } from '../contracts/vocabulary.js';
import { IllegalTransitionError } from './errors.js';

export type { CancellationReason, OrderStatus };

/** The most of one sku an order may hold, after repeated lines are merged. */
export const MAX_QUANTITY_PER_SKU = 10;

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

/**
 * Which status may follow which. Every change is a conditional write from
 * the expected prior status, so a late or repeated step cannot move an order
 * backwards or twice. NEEDS_ATTENTION is left by an operator's decision.
 * A confirmed order claimed for shipment may be DELIVERED before shipping's
 * OrderShipped reaches orders (events come in any order); a shipped order
 * whose parcel came back is CANCELLED (RETURNED), or set aside when its
 * refund or restock could not finish.
 */
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'CANCELLED', 'NEEDS_ATTENTION'],
  CONFIRMED: ['SHIPPED', 'DELIVERED', 'CANCELLED', 'NEEDS_ATTENTION'],
  SHIPPED: ['DELIVERED', 'CANCELLED', 'NEEDS_ATTENTION'],
  DELIVERED: [],
  CANCELLED: [],
  NEEDS_ATTENTION: ['CONFIRMED', 'CANCELLED'],
};

export const canMove = (from: OrderStatus, to: OrderStatus): boolean => NEXT[from].includes(to);

/** Whether the saga is done with the order: every accepted order must end in one of these. */
export const isSettled = (status: OrderStatus): boolean => status !== 'PENDING';

/** A customer may cancel a confirmed order that shipping has not claimed. */
export const customerMayCancel = (order: Pick<Order, 'status' | 'shipmentClaimedAt'>): boolean =>
  order.status === 'CONFIRMED' && !order.shipmentClaimedAt;

/**
 * Whether the order's parcel has left, as orders knows it: SHIPPED, or
 * claimed for shipment (shipping's OrderShipped may come after later news
 * of the parcel), and neither delivered nor cancelled yet.
 */
export const isOnItsWay = (order: Pick<Order, 'status' | 'shipmentClaimedAt'>): boolean =>
  order.status === 'SHIPPED' || (order.status === 'CONFIRMED' && order.shipmentClaimedAt !== undefined);

/**
 * A customer may give a new shipping address while the order waits for its
 * saga or to ship: not once shipping has claimed it, nor while it is being
 * cancelled or given up on. The same conditions make the write (the store's
 * `changeAddress`), so an address change and a shipment never both win.
 */
export const mayChangeAddress = (
  order: Pick<Order, 'status' | 'shipmentClaimedAt' | 'cancelRequestedAt' | 'abandonedAt'>,
): boolean =>
  (order.status === 'PENDING' || order.status === 'CONFIRMED') &&
  !order.shipmentClaimedAt &&
  !order.cancelRequestedAt &&
  !order.abandonedAt;

/** Repeated skus become one line, quantities added, in the order they first appear. */
export const mergeRequestedItems = (items: readonly { sku: string; quantity: number }[]) => {
  const merged = new Map<string, number>();
  for (const { sku, quantity } of items) merged.set(sku, (merged.get(sku) ?? 0) + quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
};

export type PricedOrder =
  | { readonly ok: true; readonly lines: readonly OrderLine[]; readonly total: Money }
  | {
      readonly ok: false;
      readonly unknownSkus: readonly string[];
      readonly overLimitSkus: readonly string[];
      /** The lines are each orderable, but together they cost more than one order may (MAX_AMOUNT). */
      readonly totalOverLimit: boolean;
    };

/**
 * The order's lines at the catalog's current prices (never the client's),
 * or why it cannot be placed: skus the catalog does not know, more of one
 * sku than an order may hold, or a total above the most any amount may be
 * (its events and the payment could not carry it).
 */
export const priceOrder = (
  requested: readonly { sku: string; quantity: number }[],
  products: ReadonlyMap<string, { readonly name: string; readonly price: Money }>,
): PricedOrder => {
  const items = mergeRequestedItems(requested);
  const unknownSkus = items.filter((item) => !products.has(item.sku)).map((item) => item.sku);
  const overLimitSkus = items.filter((item) => item.quantity > MAX_QUANTITY_PER_SKU).map((item) => item.sku);
  if (unknownSkus.length > 0 || overLimitSkus.length > 0)
    return { ok: false, unknownSkus, overLimitSkus, totalOverLimit: false };
  const lines = items.map(({ sku, quantity }) => {
    const product = products.get(sku);
    return { sku, quantity, name: product?.name ?? sku, unitPrice: product?.price ?? money(0) };
  });
  const total = lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0);
  if (total > MAX_AMOUNT) return { ok: false, unknownSkus, overLimitSkus, totalOverLimit: true };
  return { ok: true, lines, total: money(total) };
};

export interface Order {
  readonly orderId: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderLine[];
  readonly total: Money;
  readonly shippingAddress: ShippingAddress;
  /** Kept with the order for the saga's payment step; never shown or published. */
  readonly paymentToken: string;
  /**
   * SHA-256 of the request whose Idempotency-Key made the order (its id is
   * derived from the key): the same request again gets the same answer,
   * another is refused. Never shown or published.
   */
  readonly requestFingerprint: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly cancellationReason?: CancellationReason;
  /**
   * When the order's cancellation was asked for: by its customer (a
   * confirmed order), or by its parcel's return (`returnedAt`); the
   * cancellation workflow then runs.
   */
  readonly cancelRequestedAt?: string;
  /** When the carrier reported the parcel returned: the order is refunded and restocked (RETURNED). */
  readonly returnedAt?: string;
  /** When its customer's account was deleted and the address anonymized (`anonymizedAddress`). */
  readonly anonymizedAt?: string;
  /** When shipping claimed the confirmed order for shipment; it can no longer be cancelled. */
  readonly shipmentClaimedAt?: string;
  /**
   * When the shop gave up on the PENDING order (the compensations' gate):
   * it can no longer be confirmed, only cancelled.
   */
  readonly abandonedAt?: string;
  /**
   * While the shop owes the order an outcome (`awaitsOutcome`): when the
   * workflow deciding it should have finished. Past it, the order has
   * stalled and the stalled-order sweep starts its cancellation again.
   */
  readonly dueAt?: string;
  /** How often the order has stalled: names each new attempt, and bounds them. */
  readonly stalls?: number;
  /**
   * How many times the stored order was changed (absent: never). Each write
   * of it counts one; a change decided on a read is written only over the
   * revision it read, so no write is ever lost under a stale copy.
   */
  readonly revision?: number;
}

/**
 * Whether a workflow is still deciding the order: its saga (PENDING), or
 * the cancellation asked for (CONFIRMED by its customer, or a returned
 * parcel's, CONFIRMED or SHIPPED).
 */
export const awaitsOutcome = (order: Pick<Order, 'status' | 'cancelRequestedAt'>): boolean =>
  order.status === 'PENDING' ||
  ((order.status === 'CONFIRMED' || order.status === 'SHIPPED') && order.cancelRequestedAt !== undefined);

/**
 * How long a workflow has to decide an order: far past the saga's bounded
 * forward path (about 2 minutes) and an Express execution's 5-minute cap,
 * well inside the 15-minute stock hold.
 */
export const STALL_MINUTES = 7;

/** Attempts at deciding a stalled order before it is set aside for an operator. */
export const MAX_STALLS = 3;

export const dueAfter = (now: Date): string => new Date(now.getTime() + STALL_MINUTES * 60_000).toISOString();

/**
 * The order as it is once its status changes, the only way a status
 * changes: a move the transition table does not allow is refused. While it
 * awaits an outcome the order keeps its due time; once decided, it has
 * none, nor any stalls.
 * @throws IllegalTransitionError
 */
export const withStatus = (order: Order, status: OrderStatus): Order => {
  if (!canMove(order.status, status)) throw new IllegalTransitionError(order.orderId, order.status, status);
  const next = { ...order, status };
  if (awaitsOutcome(next)) return next;
  const { dueAt: _due, stalls: _stalls, ...decided } = next;
  return decided;
};

/** What the compensations' gate decides for an order. */
export type Abandonment = 'ABANDON' | 'COMPENSATE' | 'KEEP';

/**
 * The gate before any compensation. A PENDING order is abandoned (marked,
 * so it can no longer be confirmed), then compensated; a confirmed or
 * shipped order is kept — unless its cancellation was asked for (by its
 * customer, or by its parcel's return) and this is that cancellation
 * (`customerRequest`: a requested one). A delivered order is kept. A
 * cancelled order, or one set aside after the shop had given up on it or
 * its cancellation was asked for, is compensated again (each compensation
 * finds nothing left to do).
 */
export const decideAbandonment = (
  order: Pick<Order, 'status' | 'abandonedAt' | 'cancelRequestedAt'>,
  customerRequest: boolean,
): Abandonment => {
  switch (order.status) {
    case 'PENDING':
      return order.abandonedAt ? 'COMPENSATE' : 'ABANDON';
    case 'CONFIRMED':
    case 'SHIPPED':
      return customerRequest && order.cancelRequestedAt ? 'COMPENSATE' : 'KEEP';
    case 'DELIVERED':
      return 'KEEP';
    case 'CANCELLED':
      return 'COMPENSATE';
    case 'NEEDS_ATTENTION':
      return order.abandonedAt || order.cancelRequestedAt ? 'COMPENSATE' : 'KEEP';
  }
};

/**
 * The status a cancellation moves the order from, if any: a PENDING order
 * (the saga's), a CONFIRMED or SHIPPED one whose cancellation was asked for
 * (its customer's, or its returned parcel's), or one set aside that the gate
 * let the compensations run for.
 */
export const cancellableFrom = (
  order: Pick<Order, 'status' | 'abandonedAt' | 'cancelRequestedAt'>,
  customerRequest: boolean,
): OrderStatus | undefined => {
  if (order.status === 'PENDING' && !customerRequest) return 'PENDING';
  if (
    (order.status === 'CONFIRMED' || order.status === 'SHIPPED') &&
    customerRequest &&
    order.cancelRequestedAt
  )
    return order.status;
  if (order.status === 'NEEDS_ATTENTION' && decideAbandonment(order, customerRequest) === 'COMPENSATE')
    return 'NEEDS_ATTENTION';
  return undefined;
};

/** The address an order ships to (API.md's `shippingAddress`). */
export interface ShippingAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

/** One line of an order's timeline: what happened, when, and the event's facts. */
export interface HistoryEntry {
  readonly eventId: string;
  readonly type: string;
  readonly at: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** What the saga recorded when a step failed: Step Functions' error name. */
interface Failure {
  readonly Error: string;
}

/**
 * Why a saga cancels the order, from the step that failed and how. A
 * refusal keeps its own reason; a step that kept failing for technical
 * reasons is reported by the customer-facing effect: stock that could not
 * be reserved, or a payment that could not be completed.
 */
export const cancellationReasonFor = (state: {
  readonly customerRequest?: boolean;
  readonly reservationFailure?: Failure;
  readonly paymentFailure?: Failure;
  readonly commitFailure?: Failure;
  readonly confirmationFailure?: Failure;
}): CancellationReason => {
  if (state.customerRequest) return 'CUSTOMER_CANCELLED';
  if (state.reservationFailure)
    return state.reservationFailure.Error === ReservationRefusals.unknownProduct
      ? 'UNKNOWN_PRODUCT'
      : 'OUT_OF_STOCK';
  if (state.paymentFailure?.Error === PaymentRefusals.declined) return 'PAYMENT_DECLINED';
  // The hold was given back before the units could be sold: the stock is no longer the order's.
  if (state.confirmationFailure?.Error === ConfirmationRefusals.stockNotHeld) return 'OUT_OF_STOCK';
  // The same refusal in an execution of the saga as it was before ConfirmOrder sold the units
  // itself, which ran CommitInventory as a step of its own (`commitFailure`).
  if (state.commitFailure?.Error === CommitRefusals.notHeld) return 'OUT_OF_STOCK';
  return 'PAYMENT_FAILED';
};
