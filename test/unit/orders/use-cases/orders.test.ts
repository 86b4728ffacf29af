import { beforeEach, describe, expect, it } from 'vitest';
import type { CommitOutcome } from '../../../../functions/inventory/contracts/commit-inventory.js';
import { InMemoryOrders } from '../../../../functions/orders/adapters/in-memory-order-store.js';
import type {
  OrderCancellationInput,
  OrderSagaInput,
} from '../../../../functions/orders/contracts/order-saga.js';
import {
  EmptyCartError,
  IdempotencyKeyReusedError,
  MAX_OPEN_ORDERS,
  OrderNotCancellableError,
  OrderNotFoundError,
  OrderNotPendingError,
  StockNoLongerHeldError,
  TooManyOpenOrdersError,
  UnorderableItemsError,
} from '../../../../functions/orders/domain/errors.js';
import { MAX_STALLS, STALL_MINUTES } from '../../../../functions/orders/domain/order.js';
import { claimShipment } from '../../../../functions/orders/use-cases/claim-shipment.js';
import { markShipped } from '../../../../functions/orders/use-cases/mark-shipped.js';
import { checkOut, orderIdFor, placeOrder } from '../../../../functions/orders/use-cases/place-order.js';
import type {
  ConfirmationDependencies,
  OrdersDependencies,
} from '../../../../functions/orders/use-cases/ports.js';
import { getOrder, getOrderHistory, listOrders } from '../../../../functions/orders/use-cases/read-orders.js';
import { recordHistory } from '../../../../functions/orders/use-cases/record-history.js';
import { requestCancellation } from '../../../../functions/orders/use-cases/request-cancellation.js';
import {
  abandonOrder,
  cancelOrder,
  confirmOrder,
  markNeedsAttention,
} from '../../../../functions/orders/use-cases/saga-steps.js';
import { settleStalledOrders } from '../../../../functions/orders/use-cases/settle-stalled-orders.js';
import { startOrderSaga } from '../../../../functions/orders/use-cases/start-order-saga.js';
import { PaymentCompleted } from '../../../../functions/payments/contracts/events.js';
import { MAX_AMOUNT, money } from '../../../../functions/shared/money.js';
import { hmacCursors } from '../../../../functions/shared/pagination.js';
import { OrderShipped } from '../../../../functions/shipping/contracts/events.js';

const address = { name: 'N', line1: 'L', city: 'C', postalCode: 'P', country: 'GB' };
const catalog = new Map([
  ['A1', { sku: 'A1', name: 'A one', price: money(500) }],
  ['B2', { sku: 'B2', name: 'B two', price: money(1200) }],
]);

let orders: InMemoryOrders;
let cartLines: { sku: string; quantity: number }[];
let started: { sagas: OrderSagaInput[]; cancellations: OrderCancellationInput[] };
let deps: OrdersDependencies & ConfirmationDependencies;
/** What inventory answers ConfirmOrder's sale of the held units, and the orders it was asked for. */
let sale: CommitOutcome;
let sold: string[];

beforeEach(() => {
  orders = new InMemoryOrders();
  cartLines = [];
  started = { sagas: [], cancellations: [] };
  sale = { outcome: 'COMMITTED', shipFrom: [{ sku: 'A1', warehouseId: 'main', quantity: 2 }] };
  sold = [];
  deps = {
    orders: orders.store,
    catalog: { getProducts: async (skus) => skus.flatMap((sku) => catalog.get(sku) ?? []) },
    cart: { lines: async () => cartLines },
    workflows: {
      startOrderSaga: async (input) => void started.sagas.push(input),
      startCancellation: async (input) => void started.cancellations.push(input),
    },
    cursors: hmacCursors('x'.repeat(32)),
    stock: {
      commit: async (orderId) => {
        sold.push(orderId);
        return sale;
      },
    },
    clock: () => new Date('2026-11-22T10:00:00.000Z'),
  };
});

const submission = (key = 'key-1', items = [{ sku: 'A1', quantity: 2 }], paymentToken = 'tok_visa') => ({
  userId: 'u-1',
  idempotencyKey: key,
  request: { route: 'POST /orders', body: { items, shippingAddress: address, paymentToken } },
  items,
  shippingAddress: address,
  paymentToken,
});

/** A customer reading their own orders (not an admin). */
const customer = (userId: string) => ({ userId, isAdmin: false });
describe('placeOrder', () => {
  it('writes the order PENDING at catalog prices, merged by sku, with OrderPlaced in the same write', async () => {
    const { orderId } = await placeOrder(
      deps,
      submission('k', [
        { sku: 'A1', quantity: 1 },
        { sku: 'B2', quantity: 1 },
        { sku: 'A1', quantity: 2 },
      ]),
    );
    expect(await getOrder(deps, customer('u-1'), orderId)).toMatchObject({
      status: 'PENDING',
      items: [
        { sku: 'A1', name: 'A one', quantity: 3, unitPrice: money(500) },
        { sku: 'B2', quantity: 1 },
      ],
      total: money(2700),
    });
    expect(orders.outbox.map((event) => event.detailType)).toEqual(['OrderPlaced']);
    expect((await getOrderHistory(deps, customer('u-1'), orderId)).items.map((entry) => entry.type)).toEqual([
      'OrderPlaced',
    ]);
  });

  it('answers the same key and request with the same order, and creates nothing more', async () => {
    const first = await placeOrder(deps, submission());
    expect(await placeOrder(deps, submission())).toEqual(first);
    expect(orders.orders.size).toBe(1);
  });

  it('refuses the same key with another request (422), and lets another customer use it', async () => {
    await placeOrder(deps, submission());
    await expect(placeOrder(deps, submission('key-1', [{ sku: 'A1', quantity: 3 }]))).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    await placeOrder(deps, { ...submission(), userId: 'u-2' });
    expect(orders.orders.size).toBe(2);
  });

  it('keeps a key bound to its order: the same request a month later gets the same 202', async () => {
    const first = await placeOrder(deps, submission());
    const later = { ...deps, clock: () => new Date('2026-12-22T10:00:00.000Z') };
    expect(await placeOrder(later, submission())).toEqual(first);
    await expect(placeOrder(later, submission('key-1', [{ sku: 'B2', quantity: 1 }]))).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    expect(orders.orders.size).toBe(1);
  });

  it('answers a retry with its order though the catalog no longer sells the product, or cannot answer', async () => {
    const first = await placeOrder(deps, submission());
    const gone = { ...deps, catalog: { getProducts: async () => [] } };
    expect(await placeOrder(gone, submission())).toEqual(first);
    const down = {
      ...deps,
      catalog: {
        getProducts: async (): Promise<never> => {
          throw new Error('catalog unavailable');
        },
      },
    };
    expect(await placeOrder(down, submission())).toEqual(first);
    await expect(placeOrder(down, submission('key-2'))).rejects.toThrow('catalog unavailable');
  });

  it('answers as the winner when a request with the same key placed the order meanwhile', async () => {
    const winner = await placeOrder(deps, submission());
    // The loser's write is refused: it answers from the order it finds.
    const loser = { ...deps, orders: { ...orders.store, get: async () => undefined } };
    expect(await placeOrder(loser, submission())).toEqual(winner);
    await expect(placeOrder(loser, submission('key-1', [{ sku: 'A1', quantity: 3 }]))).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    expect(orders.outbox.filter((event) => event.detailType === 'OrderPlaced')).toHaveLength(1);
  });

  it('derives a UUID-shaped order id from the customer and the key, different for each pair', () => {
    const id = orderIdFor('u-1', 'key-1');
    expect(id).toBe(orderIdFor('u-1', 'key-1'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      new Set([id, orderIdFor('u-2', 'key-1'), orderIdFor('u-1', 'key-2'), orderIdFor('u-1key', '-1')]).size,
    ).toBe(4);
  });

  it('points at unknown skus and at more than 10 of one sku, and writes nothing', async () => {
    const refusal = await placeOrder(
      deps,
      submission('k', [
        { sku: 'A1', quantity: 6 },
        { sku: 'NOPE', quantity: 1 },
        { sku: 'A1', quantity: 5 },
      ]),
    ).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(UnorderableItemsError);
    expect((refusal as UnorderableItemsError).errors.map((error) => error.pointer)).toEqual([
      '#/items/0/quantity',
      '#/items/1/sku',
      '#/items/2/quantity',
    ]);
    expect(orders.orders.size).toBe(0);
  });
});

describe('an order over the money limit', () => {
  it('is refused as unorderable (400), with nothing written, not accepted with a total its events cannot carry', async () => {
    const dear = { sku: 'GOLD', name: 'Gold bar', price: money(MAX_AMOUNT) };
    const expensive = { ...deps, catalog: { getProducts: async () => [dear] } };
    const refusal = await placeOrder(expensive, submission('k', [{ sku: 'GOLD', quantity: 2 }])).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(UnorderableItemsError);
    expect((refusal as UnorderableItemsError).errors).toEqual([
      { pointer: '#/items', detail: expect.stringContaining('10,000,000.00') },
    ]);
    expect(orders.orders.size).toBe(0);
    expect(orders.outbox).toEqual([]);
  });
});

describe('the cap on open orders', () => {
  it('refuses a sixth order while the customer’s five newest are PENDING, and answers replays meanwhile', async () => {
    for (let n = 1; n <= MAX_OPEN_ORDERS; n++) await placeOrder(deps, submission(`key-${n}`));
    await expect(placeOrder(deps, submission('key-6'))).rejects.toBeInstanceOf(TooManyOpenOrdersError);
    expect((await placeOrder(deps, submission('key-1'))).status).toBe('PENDING');
    // Another customer is not held back.
    await expect(placeOrder(deps, { ...submission('key-6'), userId: 'u-2' })).resolves.toMatchObject({
      status: 'PENDING',
    });
  });

  it('accepts again once one of them is confirmed', async () => {
    // A second between orders, so that newest first is the order they were placed in.
    let second = 0;
    deps = { ...deps, clock: () => new Date(Date.UTC(2026, 10, 22, 10, 0, second++)) };
    const first = await placeOrder(deps, submission('key-1'));
    for (let n = 2; n <= MAX_OPEN_ORDERS; n++) await placeOrder(deps, submission(`key-${n}`));
    await confirmOrder(deps, first.orderId);
    await placeOrder(deps, submission('key-0'));
    await expect(placeOrder(deps, submission('key-7'))).rejects.toBeInstanceOf(TooManyOpenOrdersError);
  });

  it('accepts while any of the five newest is no longer PENDING, not only the oldest', async () => {
    let second = 0;
    deps = { ...deps, clock: () => new Date(Date.UTC(2026, 10, 22, 10, 0, second++)) };
    const placed = [];
    for (let n = 1; n <= MAX_OPEN_ORDERS; n++) placed.push(await placeOrder(deps, submission(`key-${n}`)));
    await confirmOrder(deps, placed[2]?.orderId ?? '');
    await expect(placeOrder(deps, submission('key-6'))).resolves.toMatchObject({ status: 'PENDING' });
  });
});

describe('checkOut', () => {
  it('orders the cart’s lines, marked as from the cart', async () => {
    cartLines = [{ sku: 'B2', quantity: 2 }];
    const { orderId } = await checkOut(deps, {
      ...submission(),
      request: { route: 'POST /cart/checkout', body: {} },
    });
    expect((await getOrder(deps, customer('u-1'), orderId)).total).toEqual(money(2400));
    expect(orders.outbox[0]?.detail.data).toMatchObject({ fromCart: true });
  });

  it('refuses an empty cart, but answers a replay after the cart was emptied', async () => {
    const request = { ...submission(), request: { route: 'POST /cart/checkout', body: {} } };
    await expect(checkOut(deps, request)).rejects.toThrow(EmptyCartError);
    cartLines = [{ sku: 'A1', quantity: 1 }];
    const first = await checkOut(deps, request);
    cartLines = [];
    expect(await checkOut(deps, request)).toEqual(first);
  });
});

describe('the saga’s order steps', () => {
  const placed = async () => (await placeOrder(deps, submission())).orderId;

  it('starts the saga with the order’s lines, total and payment token, once the order is placed', async () => {
    const orderId = await placed();
    expect(await startOrderSaga(deps, orderId)).toBe('STARTED');
    expect(started.sagas[0]).toMatchObject({
      orderId,
      userId: 'u-1',
      lines: [{ sku: 'A1', quantity: 2 }],
      total: money(1000),
      paymentToken: 'tok_visa',
    });
    await confirmOrder(deps, orderId);
    expect(await startOrderSaga(deps, orderId)).toBe('SETTLED');
    expect(await startOrderSaga(deps, 'missing')).toBe('UNKNOWN_ORDER');
  });

  it('keeps a confirmed order at the compensations’ gate, so a confirmation whose answer was lost is never undone', async () => {
    const orderId = await placed();
    await confirmOrder(deps, orderId);
    expect(await abandonOrder(deps, { orderId })).toEqual({ orderId, status: 'CONFIRMED', decision: 'KEEP' });
    // Only the customer's own cancellation, once asked for, passes the gate of a confirmed order.
    expect(await abandonOrder(deps, { orderId, customerRequest: true })).toMatchObject({ decision: 'KEEP' });
    await requestCancellation(deps, 'u-1', orderId, 'c');
    expect(await abandonOrder(deps, { orderId })).toMatchObject({ decision: 'KEEP' });
    expect(await abandonOrder(deps, { orderId, customerRequest: true })).toMatchObject({
      decision: 'COMPENSATE',
    });
    expect(await cancelOrder(deps, { orderId })).toEqual({ orderId, status: 'UNCHANGED' });
  });

  it('abandons a pending order at the gate: from then on it cannot be confirmed, only cancelled', async () => {
    const orderId = await placed();
    expect(await abandonOrder(deps, { orderId })).toEqual({
      orderId,
      status: 'PENDING',
      decision: 'COMPENSATE',
    });
    expect(await abandonOrder(deps, { orderId })).toMatchObject({ decision: 'COMPENSATE' });
    await expect(confirmOrder(deps, orderId)).rejects.toThrow(OrderNotPendingError);
    expect(await startOrderSaga(deps, orderId)).toBe('SETTLED');
    expect(await cancelOrder(deps, { orderId })).toMatchObject({
      status: 'CANCELLED',
      reason: 'PAYMENT_FAILED',
    });
  });

  it('starts the cancellation of an order whose saga stopped once it is overdue, each attempt under its own number, then sets it aside', async () => {
    const orderId = await placed();
    const at = (minutes: number) => ({ ...deps, clock: () => new Date(Date.UTC(2026, 10, 22, 10, minutes)) });
    expect(await settleStalledOrders(at(STALL_MINUTES - 1))).toMatchObject({ CANCELLING: 0 });
    expect(started.cancellations).toEqual([]);
    expect(await settleStalledOrders(at(STALL_MINUTES + 1))).toMatchObject({ CANCELLING: 1 });
    // The next sweep, a minute on, leaves the attempt its time.
    expect(await settleStalledOrders(at(STALL_MINUTES + 2))).toMatchObject({ CANCELLING: 0 });
    for (let stall = 2; stall <= MAX_STALLS; stall++)
      expect(await settleStalledOrders(at((STALL_MINUTES + 1) * stall))).toMatchObject({ CANCELLING: 1 });
    expect(started.cancellations).toEqual(
      Array.from({ length: MAX_STALLS }, (_, index) => ({
        orderId,
        userId: 'u-1',
        correlationId: expect.any(String),
        attempt: index + 1,
      })),
    );
    expect(await settleStalledOrders(at((STALL_MINUTES + 1) * (MAX_STALLS + 1)))).toMatchObject({
      SET_ASIDE: 1,
    });
    const setAside = orders.orders.get(orderId);
    expect(setAside).toMatchObject({ status: 'NEEDS_ATTENTION', abandonedAt: expect.any(String) });
    expect(setAside?.dueAt).toBeUndefined();
    await expect(confirmOrder(deps, orderId)).rejects.toThrow(OrderNotPendingError);
  });

  it('leaves a decided order out of the stalled-order sweep', async () => {
    const orderId = await placed();
    await confirmOrder(deps, orderId);
    expect(orders.orders.get(orderId)?.dueAt).toBeUndefined();
    const later = { ...deps, clock: () => new Date('2026-11-23T10:00:00.000Z') };
    expect(await settleStalledOrders(later)).toEqual({ NOT_DUE: 0, CANCELLING: 0, SET_ASIDE: 0 });
  });

  it('starts a customer’s cancellation again when it stalled, as the customer’s', async () => {
    const orderId = await placed();
    await confirmOrder(deps, orderId);
    await requestCancellation(deps, 'u-1', orderId, 'c');
    const later = { ...deps, clock: () => new Date('2026-11-22T11:00:00.000Z') };
    expect(await settleStalledOrders(later)).toMatchObject({ CANCELLING: 1 });
    expect(started.cancellations.at(-1)).toEqual({
      orderId,
      userId: 'u-1',
      correlationId: expect.any(String),
      customerRequest: true,
      attempt: 1,
    });
    // The customer asking again now joins that attempt.
    await requestCancellation(deps, 'u-1', orderId, 'c');
    expect(started.cancellations.at(-1)).toMatchObject({ customerRequest: true, attempt: 1 });
  });

  it('sells the held units before it confirms, and says in OrderConfirmed where they leave from', async () => {
    const orderId = await placed();
    expect(await confirmOrder(deps, orderId)).toMatchObject({ status: 'CONFIRMED', changed: true });
    expect(sold).toEqual([orderId]);
    const confirmed = orders.outbox.find((event) => event.detailType === 'OrderConfirmed');
    expect(confirmed?.detail.data).toMatchObject({
      shipFrom: [{ sku: 'A1', warehouseId: 'main', quantity: 2 }],
    });
  });

  it('refuses to confirm an order whose hold was given back, and leaves it PENDING for the compensations', async () => {
    const orderId = await placed();
    sale = { outcome: 'NOT_HELD' };
    await expect(confirmOrder(deps, orderId)).rejects.toThrow(StockNoLongerHeldError);
    expect(orders.orders.get(orderId)?.status).toBe('PENDING');
    expect(orders.outbox.filter((event) => event.detailType === 'OrderConfirmed')).toEqual([]);
  });

  it('sells nothing for an order the gate abandoned, nor again for one already confirmed', async () => {
    const abandoned = await placed();
    await abandonOrder(deps, { orderId: abandoned });
    await expect(confirmOrder(deps, abandoned)).rejects.toThrow(OrderNotPendingError);
    expect(sold).toEqual([]);
    const confirmed = (await placeOrder(deps, submission('key-2'))).orderId;
    await confirmOrder(deps, confirmed);
    await confirmOrder(deps, confirmed);
    expect(sold).toEqual([confirmed]);
  });

  it('confirms once, however often it is asked, and refuses a cancelled order', async () => {
    const orderId = await placed();
    expect(await confirmOrder(deps, orderId)).toMatchObject({ status: 'CONFIRMED', changed: true });
    expect(await confirmOrder(deps, orderId)).toMatchObject({ status: 'CONFIRMED', changed: false });
    expect(orders.outbox.filter((event) => event.detailType === 'OrderConfirmed')).toHaveLength(1);
    const other = (await placeOrder(deps, submission('key-2'))).orderId;
    await cancelOrder(deps, { orderId: other, paymentFailure: { Error: 'PaymentDeclinedError' } });
    await expect(confirmOrder(deps, other)).rejects.toThrow(OrderNotPendingError);
  });

  it.each([
    [{ reservationFailure: { Error: 'OutOfStockError' } }, 'OUT_OF_STOCK'],
    [{ reservationFailure: { Error: 'UnknownProductError' } }, 'UNKNOWN_PRODUCT'],
    [{ reservationFailure: { Error: 'Lambda.ServiceException' } }, 'OUT_OF_STOCK'],
    [{ paymentFailure: { Error: 'PaymentDeclinedError' } }, 'PAYMENT_DECLINED'],
    [{ paymentFailure: { Error: 'ProviderUnavailableError' } }, 'PAYMENT_FAILED'],
    [{ confirmationFailure: { Error: 'TransientError' } }, 'PAYMENT_FAILED'],
    [{ confirmationFailure: { Error: 'StockNoLongerHeldError' } }, 'OUT_OF_STOCK'],
    // An execution started before ConfirmOrder sold the units ran the sale as a step of its own.
    [{ commitFailure: { Error: 'ReservationNotHeldError' } }, 'OUT_OF_STOCK'],
  ])('cancels with the reason the failure gives (%j → %s), once', async (failure, reason) => {
    const orderId = await placed();
    await cancelOrder(deps, { orderId, ...failure });
    await cancelOrder(deps, { orderId, ...failure });
    expect(await getOrder(deps, customer('u-1'), orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: reason,
    });
    expect(orders.outbox.filter((event) => event.detailType === 'OrderCancelled')).toHaveLength(1);
  });

  it('sets an order aside as NEEDS_ATTENTION, naming the compensation that failed; a later run of the compensations cancels it', async () => {
    const orderId = await placed();
    await markNeedsAttention(deps, {
      orderId,
      paymentFailure: { Error: 'ProviderUnavailableError' },
      refundFailure: { Error: 'CircuitOpenError' },
    });
    expect((await getOrder(deps, customer('u-1'), orderId)).status).toBe('NEEDS_ATTENTION');
    expect(orders.outbox.at(-1)?.detail.data).toMatchObject({
      failedStep: 'refund',
      error: 'CircuitOpenError',
    });
    await expect(confirmOrder(deps, orderId)).rejects.toThrow(OrderNotPendingError);
    expect(await abandonOrder(deps, { orderId })).toMatchObject({ decision: 'COMPENSATE' });
    expect(await cancelOrder(deps, { orderId })).toMatchObject({
      status: 'CANCELLED',
      reason: 'PAYMENT_FAILED',
    });
  });

  it('leaves a confirmed order as it is when even the gate failed: it was never compensated (found by the simulator)', async () => {
    const orderId = await placed();
    await confirmOrder(deps, orderId);
    expect(
      await markNeedsAttention(deps, {
        orderId,
        confirmationFailure: { Error: 'Sandbox.Timedout' },
        abandonFailure: { Error: 'Lambda.ServiceException' },
      }),
    ).toEqual({ orderId, status: 'UNCHANGED' });
    expect(orders.orders.get(orderId)?.status).toBe('CONFIRMED');
    await requestCancellation(deps, 'u-1', orderId, 'c');
    expect(await markNeedsAttention(deps, { orderId, refundFailure: { Error: 'CircuitOpenError' } })).toEqual(
      {
        orderId,
        status: 'NEEDS_ATTENTION',
      },
    );
  });

  it('adds another service’s event to the timeline once, oldest first', async () => {
    const orderId = await placed();
    const event = PaymentCompleted.create(
      { orderId, userId: 'u-1', amount: money(1000), chargeId: 'ch_1' },
      new Date('2026-11-22T10:00:01Z'),
    );
    await recordHistory(deps, event);
    await recordHistory(deps, event);
    expect((await getOrderHistory(deps, customer('u-1'), orderId)).items).toEqual([
      expect.objectContaining({ type: 'OrderPlaced' }),
      {
        type: 'PaymentCompleted',
        at: '2026-11-22T10:00:01.000Z',
        detail: { amount: money(1000), chargeId: 'ch_1' },
      },
    ]);
  });
});

describe('reading and cancelling', () => {
  it('hides another customer’s order as if it did not exist', async () => {
    const { orderId } = await placeOrder(deps, submission());
    await expect(getOrder(deps, customer('u-2'), orderId)).rejects.toThrow(OrderNotFoundError);
    await expect(getOrderHistory(deps, customer('u-2'), orderId)).rejects.toThrow(OrderNotFoundError);
    await expect(requestCancellation(deps, 'u-2', orderId, 'c')).rejects.toThrow(OrderNotFoundError);
  });

  it('binds list cursors to the customer', async () => {
    await placeOrder(deps, submission('k1'));
    await placeOrder(deps, submission('k2'));
    const page = await listOrders(deps, 'u-1', { limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    await expect(listOrders(deps, 'u-2', { limit: 1, cursor: page.nextCursor ?? '' })).rejects.toThrow();
  });

  it('starts the cancellation of a confirmed order, again on a repeated request, and refuses other states', async () => {
    const { orderId } = await placeOrder(deps, submission());
    await expect(requestCancellation(deps, 'u-1', orderId, 'c')).rejects.toThrow(OrderNotCancellableError);
    await confirmOrder(deps, orderId);
    await requestCancellation(deps, 'u-1', orderId, 'c');
    await requestCancellation(deps, 'u-1', orderId, 'c');
    expect(started.cancellations).toEqual([
      { orderId, userId: 'u-1', correlationId: 'c', customerRequest: true, attempt: 0 },
      { orderId, userId: 'u-1', correlationId: 'c', customerRequest: true, attempt: 0 },
    ]);
    await cancelOrder(deps, { orderId, customerRequest: true });
    expect(await getOrder(deps, customer('u-1'), orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'CUSTOMER_CANCELLED',
    });
    await expect(requestCancellation(deps, 'u-1', orderId, 'c')).rejects.toThrow(OrderNotCancellableError);
  });
});

describe('markShipped', () => {
  const shipped = (orderId: string) =>
    OrderShipped.create(
      {
        orderId,
        userId: 'u-1',
        carrier: 'UPS',
        trackingNumber: '1Z1',
        shippedAt: '2026-11-22T11:00:00.000Z',
      },
      new Date('2026-11-22T11:00:00.000Z'),
    );

  it('moves a confirmed order to SHIPPED once, with OrderShipped in its timeline', async () => {
    const { orderId } = await placeOrder(deps, submission());
    await confirmOrder(deps, orderId);
    const event = shipped(orderId);
    expect(await markShipped(deps, event)).toBe('SHIPPED');
    expect(await markShipped(deps, event)).toBe('ALREADY_SHIPPED');
    expect((await getOrder(deps, customer('u-1'), orderId)).status).toBe('SHIPPED');
    const types = (await getOrderHistory(deps, customer('u-1'), orderId)).items.map((entry) => entry.type);
    expect(types.at(-1)).toBe('OrderShipped');
    expect(types.sort()).toEqual(['OrderConfirmed', 'OrderPlaced', 'OrderShipped']);
    await expect(requestCancellation(deps, 'u-1', orderId, 'c')).rejects.toThrow(OrderNotCancellableError);
  });

  it('does not move an order whose cancellation was requested, but records the shipment', async () => {
    const { orderId } = await placeOrder(deps, submission());
    await confirmOrder(deps, orderId);
    await requestCancellation(deps, 'u-1', orderId, 'c');
    expect(await markShipped(deps, shipped(orderId))).toBe('NOT_SHIPPABLE');
    expect((await getOrder(deps, customer('u-1'), orderId)).status).toBe('CONFIRMED');
    expect((await getOrderHistory(deps, customer('u-1'), orderId)).items.at(-1)?.type).toBe('OrderShipped');
  });
});

describe('claimShipment', () => {
  it('claims a confirmed order, says yes again, and then refuses its cancellation (409)', async () => {
    const { orderId } = await placeOrder(deps, submission());
    expect(await claimShipment(deps, orderId)).toEqual({ claimed: false, status: 'PENDING' });
    await confirmOrder(deps, orderId);
    const { shippingAddress } = submission();
    expect(await claimShipment(deps, orderId)).toEqual({
      claimed: true,
      status: 'CONFIRMED',
      shippingAddress,
    });
    expect(await claimShipment(deps, orderId)).toEqual({
      claimed: true,
      status: 'CONFIRMED',
      shippingAddress,
    });
    await expect(requestCancellation(deps, 'u-1', orderId, 'c')).rejects.toThrow('being shipped');
    expect(started.cancellations).toEqual([]);
  });

  it('refuses to claim an order whose customer asked to cancel it first, or one it does not know', async () => {
    const { orderId } = await placeOrder(deps, submission());
    await confirmOrder(deps, orderId);
    await requestCancellation(deps, 'u-1', orderId, 'c');
    expect(await claimShipment(deps, orderId)).toEqual({ claimed: false, status: 'CANCELLATION_REQUESTED' });
    expect(await claimShipment(deps, '00000000-0000-4000-8000-999999999999')).toEqual({
      claimed: false,
      status: 'UNKNOWN',
    });
  });
});
