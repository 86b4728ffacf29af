import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Money } from '../../shared/money.js';
import type { CursorCodec, PageKey } from '../../shared/pagination.js';
import type { OrderCancellationInput, OrderSagaInput } from '../contracts/order-saga.js';
import type { HistoryEntry, Order, OrderStatus } from '../domain/order.js';

/** An Idempotency-Key's first use: which request it was for and the order it created. */
export interface IdempotencyRecord {
  readonly userId: string;
  /** SHA-256 of the key, so any key fits the table's key size. */
  readonly keyHash: string;
  /** SHA-256 of the request the key was first used with. */
  readonly fingerprint: string;
  readonly orderId: string;
  /** Epoch seconds after which the key may be used again (DynamoDB TTL). */
  readonly expiresAt: number;
}

export type PlaceResult =
  | { readonly placed: true }
  | { readonly placed: false; readonly existing: IdempotencyRecord };

/** Orders, their timelines and idempotency keys, in the orders service's table. */
export interface OrderStore {
  get(orderId: string): Promise<Order | undefined>;
  /** The customer's orders, newest first. */
  listByCustomer(
    userId: string,
    page: { limit: number; after?: PageKey },
  ): Promise<{ items: Order[]; next?: PageKey }>;
  /** The order's timeline, oldest first. */
  history(orderId: string): Promise<HistoryEntry[]>;
  /** The unexpired record of a key, if it was used. */
  findIdempotencyRecord(userId: string, keyHash: string, now: Date): Promise<IdempotencyRecord | undefined>;
  /**
   * Writes the new order, its timeline entries, its events and the key's
   * record in one transaction. When the key was taken meanwhile nothing is
   * written and the record that holds is returned.
   */
  place(
    order: Order,
    record: IdempotencyRecord,
    events: readonly DomainEvent[],
    history: readonly HistoryEntry[],
  ): Promise<PlaceResult>;
  /**
   * Replaces the order by `next` if it is still in `from`, with the events
   * and timeline entries of the change, in one transaction. False when it
   * was no longer in `from`.
   */
  transition(
    next: Order,
    from: OrderStatus,
    events: readonly DomainEvent[],
    history: readonly HistoryEntry[],
  ): Promise<boolean>;
  /**
   * Marks a CONFIRMED order's cancellation as requested; false if it is not
   * CONFIRMED, or already claimed for shipment, or already asked to cancel.
   */
  requestCancellation(orderId: string, at: string): Promise<boolean>;
  /**
   * Claims a CONFIRMED order for shipment; false if it is not CONFIRMED, its
   * cancellation was requested, or it was already claimed.
   */
  claimShipment(orderId: string, at: string): Promise<boolean>;
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
  readonly newOrderId: () => string;
}
