import type { CommitOutcome } from '../../inventory/contracts/commit-inventory.js';
import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Money } from '../../shared/money.js';
import type { CursorCodec, PageKey } from '../../shared/pagination.js';
import type { OrderCancellationInput, OrderSagaInput } from '../contracts/order-saga.js';
import type { HistoryEntry, Order, OrderStatus } from '../domain/order.js';

export type PlaceResult = { readonly placed: true } | { readonly placed: false; readonly existing: Order };

/** Orders and their timelines, in the orders service's table. */
export interface OrderStore {
  get(orderId: string): Promise<Order | undefined>;
  /** The customer's orders, newest first. */
  listByCustomer(
    userId: string,
    page: { limit: number; after?: PageKey },
  ): Promise<{ items: Order[]; next?: PageKey }>;
  /** The ids of the customer's newest orders, newest first, from the customer index alone. */
  newestOrderIds(userId: string, limit: number): Promise<string[]>;
  /** The status of each of these orders that exists (eventually consistent). */
  statuses(orderIds: readonly string[]): Promise<Map<string, OrderStatus>>;
  /** The order's timeline, oldest first. */
  history(orderId: string): Promise<HistoryEntry[]>;
  /**
   * Writes the new order, its timeline entries and its events at once (all
   * or nothing). When an order with its id exists already (its id is the
   * Idempotency-Key's) nothing is written and that order is returned.
   */
  place(order: Order, events: readonly DomainEvent[], history: readonly HistoryEntry[]): Promise<PlaceResult>;
  /**
   * Replaces the order by `next` if it is still in `from`, with the events
   * and timeline entries of the change, all or nothing. False when it was
   * no longer in `from`, or was abandoned other than `next` says (so a
   * confirmation never passes the compensations' gate).
   */
  transition(
    next: Order,
    from: OrderStatus,
    events: readonly DomainEvent[],
    history: readonly HistoryEntry[],
  ): Promise<boolean>;
  /**
   * Marks a CONFIRMED order's cancellation as requested, due by `dueAt`;
   * false if it is not CONFIRMED, or already claimed for shipment, or
   * already asked to cancel.
   */
  requestCancellation(orderId: string, at: string, dueAt: string): Promise<boolean>;
  /** Marks a PENDING order abandoned; false if it is not PENDING or was abandoned already. */
  abandon(orderId: string, at: string): Promise<boolean>;
  /**
   * The ids of orders awaiting an outcome whose due time is before `now`,
   * the longest overdue first (eventually consistent: check each order).
   */
  overdueOrderIds(now: Date, limit: number): Promise<string[]>;
  /**
   * Gives a stalled order its next due time and stall count, if it is still
   * due at `dueAt`: of two sweeps, one takes the stall. False otherwise.
   */
  reschedule(orderId: string, dueAt: string, next: { dueAt: string; stalls: number }): Promise<boolean>;
  /**
   * Claims a CONFIRMED order for shipment; false if it is not CONFIRMED, its
   * cancellation was requested, it was already claimed, or it changed since
   * it was read (its revision is no longer `seen`).
   */
  claimShipment(orderId: string, at: string, seen: number | undefined): Promise<boolean>;
  /**
   * Gives the order a new shipping address, with the change's event and
   * timeline entry, if the customer may still change it (`mayChangeAddress`);
   * false otherwise.
   */
  changeAddress(
    next: Order,
    events: readonly DomainEvent[],
    history: readonly HistoryEntry[],
  ): Promise<boolean>;
  /**
   * Marks a shipped order's parcel returned, and its cancellation asked for
   * and due by `dueAt`; false if it is not on its way (SHIPPED, or CONFIRMED
   * and claimed for shipment) or its cancellation was asked for already.
   */
  markReturned(orderId: string, at: string, dueAt: string): Promise<boolean>;
  /**
   * Every customer's orders, newest first: those in one of `statuses`
   * (eventually consistent: a listed order may have moved on since), from
   * before `before` (a position this listing gave).
   */
  listByStatus(
    statuses: readonly OrderStatus[],
    page: { limit: number; before?: string },
  ): Promise<{ items: Order[]; next?: string }>;
  /**
   * Replaces the order's address by its anonymized form (`anonymizedAddress`),
   * with its events, unless the order is open (OPEN_ORDER_STATUSES); false if it is.
   */
  anonymize(orderId: string, at: string, events: readonly DomainEvent[]): Promise<boolean>;
  /** Records that the customer deleted their account: no order of theirs is accepted from now on. */
  forgetCustomer(userId: string, at: string): Promise<void>;
  /** Whether `forgetCustomer` recorded the customer. */
  isForgotten(userId: string): Promise<boolean>;
  /** Adds a timeline entry; an entry already recorded (same event) is left as it is. */
  recordHistory(orderId: string, entry: HistoryEntry): Promise<void>;
}

/** The catalog's current names and prices (its GetProducts contract). */
export interface ProductPrices {
  getProducts(skus: readonly string[]): Promise<readonly { sku: string; name: string; price: Money }[]>;
}

/** The customer's cart lines (the cart's GetCartLines contract). */
export interface CartLines {
  lines(userId: string): Promise<readonly { sku: string; quantity: number }[]>;
}

/** Starts the workflows; a start that already happened is not an error. */
export interface Workflows {
  startOrderSaga(input: OrderSagaInput): Promise<void>;
  startCancellation(input: OrderCancellationInput): Promise<void>;
}

export interface OrdersDependencies {
  readonly orders: OrderStore;
  readonly catalog: ProductPrices;
  readonly cart: CartLines;
  readonly workflows: Workflows;
  readonly cursors: CursorCodec;
  readonly clock: () => Date;
}

/** Inventory's sale of an order's held units (its CommitInventory contract). */
export interface HeldStock {
  commit(orderId: string): Promise<CommitOutcome>;
}

/** What the saga's order steps and the history consumer need: the table and a clock. */
export type OrderStepDependencies = Pick<OrdersDependencies, 'orders' | 'clock'>;

/** What the saga's ConfirmOrder step needs: the order steps', and inventory to sell the held units. */
export type ConfirmationDependencies = OrderStepDependencies & { readonly stock: HeldStock };
