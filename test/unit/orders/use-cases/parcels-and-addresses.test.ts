import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryOrders } from '../../../../functions/orders/adapters/in-memory-order-store.js';
import type { OrderCancellationInput } from '../../../../functions/orders/contracts/order-saga.js';
import { AddressNotChangeableError, OrderNotFoundError } from '../../../../functions/orders/domain/errors.js';
import { changeAddress } from '../../../../functions/orders/use-cases/change-address.js';
import { claimShipment } from '../../../../functions/orders/use-cases/claim-shipment.js';
import { markShipped } from '../../../../functions/orders/use-cases/mark-shipped.js';
import { markDelivered, settleReturn } from '../../../../functions/orders/use-cases/parcel-outcomes.js';
import { placeOrder } from '../../../../functions/orders/use-cases/place-order.js';
import type {
  ConfirmationDependencies,
  OrdersDependencies,
} from '../../../../functions/orders/use-cases/ports.js';
import {
  anonymizeCustomerOrders,
  getOrder,
  getOrderHistory,
  listAllOrders,
} from '../../../../functions/orders/use-cases/read-orders.js';
import { requestCancellation } from '../../../../functions/orders/use-cases/request-cancellation.js';
import {
  abandonOrder,
  cancelOrder,
  confirmOrder,
  markNeedsAttention,
} from '../../../../functions/orders/use-cases/saga-steps.js';
import { settleStalledOrders } from '../../../../functions/orders/use-cases/settle-stalled-orders.js';
import { AccountDeletedError, InvalidCursorError } from '../../../../functions/shared/errors.js';
import { money } from '../../../../functions/shared/money.js';
import { hmacCursors } from '../../../../functions/shared/pagination.js';
import { OrderShipped } from '../../../../functions/shipping/contracts/events.js';

const address = { name: 'Ada', line1: '12 Analytical Row', city: 'London', postalCode: 'N1', country: 'GB' };
const moved = { ...address, line1: '1 Difference Lane' };
const T0 = Date.parse('2026-11-22T10:00:00.000Z');

let orders: InMemoryOrders;
let cancellations: OrderCancellationInput[];
let now: number;
let deps: OrdersDependencies & ConfirmationDependencies;

beforeEach(() => {
  orders = new InMemoryOrders();
  cancellations = [];
  now = T0;
  deps = {
    orders: orders.store,
    catalog: { getProducts: async (skus) => skus.map((sku) => ({ sku, name: sku, price: money(500) })) },
    cart: { lines: async () => [] },
    workflows: {
      startOrderSaga: async () => undefined,
      startCancellation: async (input) => void cancellations.push(input),
    },
    cursors: hmacCursors('x'.repeat(32)),
    stock: { commit: async () => ({ outcome: 'COMMITTED', shipFrom: [] }) },
    // Each read of the clock is a second later: every change has its own time.
    clock: () => {
      now += 1000;
      return new Date(now);
    },
  };
});

const customer = (userId: string) => ({ userId, isAdmin: false });
const admin = { userId: 'admin-1', isAdmin: true };

const place = async (key = 'k-1', userId = 'u-1') =>
  (
    await placeOrder(deps, {
      userId,
      idempotencyKey: key,
      request: { route: 'POST /orders', body: { key } },
      items: [{ sku: 'A1', quantity: 1 }],
      shippingAddress: address,
      paymentToken: 'tok_visa',
    })
  ).orderId;

const shippedEvent = (orderId: string) =>
  OrderShipped.create({
    orderId,
    userId: 'u-1',
    carrier: 'UPS',
    trackingNumber: '1Z1',
    shippedAt: new Date(now).toISOString(),
  });

/** A confirmed order, claimed and marked shipped as shipping would. */
const shipped = async (key = 'k-1') => {
  const orderId = await place(key);
  await confirmOrder(deps, orderId);
  await claimShipment(deps, orderId);
  await markShipped(deps, shippedEvent(orderId));
  return orderId;
};

/** The cancellation workflow's compensations, as its tasks run them for the input it was started with. */
const runCancellation = async (input: OrderCancellationInput) => {
  const { decision } = await abandonOrder(deps, input);
  if (decision === 'COMPENSATE') await cancelOrder(deps, input);
};

describe('changing the shipping address', () => {
  it('gives a pending or confirmed order a new address, with OrderAddressChanged in its timeline and outbox', async () => {
    const orderId = await place();
    expect((await changeAddress(deps, 'u-1', orderId, moved)).shippingAddress).toEqual(moved);
    await confirmOrder(deps, orderId);
    expect((await changeAddress(deps, 'u-1', orderId, address)).shippingAddress).toEqual(address);
    const types = (await getOrderHistory(deps, customer('u-1'), orderId)).items.map((entry) => entry.type);
    expect(types.filter((type) => type === 'OrderAddressChanged')).toHaveLength(2);
    expect(orders.outbox.filter((event) => event.detailType === 'OrderAddressChanged')).toHaveLength(2);
    expect(orders.outbox.at(-1)?.detail.data).toEqual({ orderId, userId: 'u-1' });
  });

  it('answers the same address again without a change', async () => {
    const orderId = await place();
    await changeAddress(deps, 'u-1', orderId, moved);
    const before = orders.outbox.length;
    expect((await changeAddress(deps, 'u-1', orderId, moved)).shippingAddress).toEqual(moved);
    expect(orders.outbox).toHaveLength(before);
  });

  it('refuses once shipping claimed the order (409); the claim names the address the parcel goes to', async () => {
    const orderId = await place();
    await changeAddress(deps, 'u-1', orderId, moved);
    await confirmOrder(deps, orderId);
    expect((await claimShipment(deps, orderId)).shippingAddress).toEqual(moved);
    await expect(changeAddress(deps, 'u-1', orderId, address)).rejects.toThrow(AddressNotChangeableError);
    await expect(changeAddress(deps, 'u-1', orderId, address)).rejects.toThrow('being shipped');
    expect((await getOrder(deps, customer('u-1'), orderId)).shippingAddress).toEqual(moved);
  });

  it('refuses while the order is being cancelled, and once it is decided', async () => {
    const cancelling = await place('k-1');
    await confirmOrder(deps, cancelling);
    await requestCancellation(deps, 'u-1', cancelling, 'c-1');
    await expect(changeAddress(deps, 'u-1', cancelling, moved)).rejects.toThrow('being cancelled');
    const delivered = await shipped('k-2');
    await markDelivered(deps, { orderId: delivered, at: new Date(now).toISOString() });
    await expect(changeAddress(deps, 'u-1', delivered, moved)).rejects.toThrow('DELIVERED');
  });

  it('does not let anyone change another customer’s order (404)', async () => {
    const orderId = await place();
    await expect(changeAddress(deps, 'u-2', orderId, moved)).rejects.toThrow(OrderNotFoundError);
  });

  it('never leaves a claim behind an address changed after the order was read', async () => {
    const orderId = await place();
    await confirmOrder(deps, orderId);
    // The claim reads the order; the address changes before its conditional write lands.
    const realClaim = orders.store.claimShipment;
    let raced = false;
    orders.store.claimShipment = async (...args) => {
      if (!raced) {
        raced = true;
        await changeAddress(deps, 'u-1', orderId, moved);
      }
      return realClaim(...args);
    };
    expect(await claimShipment(deps, orderId)).toEqual({
      claimed: true,
      status: 'CONFIRMED',
      shippingAddress: moved,
    });
  });
});

describe('the admins’ order list and reads', () => {
  it('lists every customer’s orders of a status, newest first, a page at a time, with whose they are', async () => {
    const first = await place('k-1', 'u-1');
    const second = await place('k-2', 'u-2');
    const third = await place('k-3', 'u-1');
    for (const orderId of [first, third]) await confirmOrder(deps, orderId);
    const page = await listAllOrders(deps, { status: 'CONFIRMED', limit: 1 });
    expect(page.items.map((order) => [order.orderId, order.userId])).toEqual([[third, 'u-1']]);
    expect(page.nextCursor).not.toBeNull();
    const rest = await listAllOrders(deps, {
      status: 'CONFIRMED',
      limit: 1,
      ...(page.nextCursor ? { cursor: page.nextCursor } : {}),
    });
    expect(rest.items.map((order) => order.orderId)).toEqual([first]);
    expect(rest.nextCursor).toBeNull();
    const all = await listAllOrders(deps, { limit: 10 });
    expect(all.items.map((order) => order.orderId)).toEqual([third, second, first]);
  });

  it('binds its cursor to the filter', async () => {
    await place('k-1');
    await place('k-2');
    const page = await listAllOrders(deps, { status: 'PENDING', limit: 1 });
    if (!page.nextCursor) throw new Error('expected a second page');
    await expect(
      listAllOrders(deps, { status: 'CONFIRMED', limit: 1, cursor: page.nextCursor }),
    ).rejects.toThrow(InvalidCursorError);
  });

  it('lets an admin read any order and its history; a customer only their own', async () => {
    const orderId = await place();
    expect((await getOrder(deps, admin, orderId)).orderId).toBe(orderId);
    expect((await getOrderHistory(deps, admin, orderId)).items.length).toBeGreaterThan(0);
    await expect(getOrder(deps, customer('u-2'), orderId)).rejects.toThrow(OrderNotFoundError);
  });
});

describe('a parcel’s end', () => {
  it('delivers a shipped order once, with OrderDelivered', async () => {
    const orderId = await shipped();
    const at = new Date(now).toISOString();
    expect(await markDelivered(deps, { orderId, at })).toBe('DELIVERED');
    expect(await markDelivered(deps, { orderId, at })).toBe('ALREADY_DELIVERED');
    expect((await getOrder(deps, customer('u-1'), orderId)).status).toBe('DELIVERED');
    const delivered = orders.outbox.filter((event) => event.detailType === 'OrderDelivered');
    expect(delivered.map((event) => event.detail.data)).toEqual([
      { orderId, userId: 'u-1', deliveredAt: at },
    ]);
  });

  it('delivers a claimed order whose OrderShipped comes after, which then only joins its timeline', async () => {
    const orderId = await place();
    await confirmOrder(deps, orderId);
    await claimShipment(deps, orderId);
    expect(await markDelivered(deps, { orderId, at: new Date(now).toISOString() })).toBe('DELIVERED');
    expect(await markShipped(deps, shippedEvent(orderId))).toBe('ALREADY_SHIPPED');
    const order = await getOrder(deps, customer('u-1'), orderId);
    expect(order.status).toBe('DELIVERED');
    const types = (await getOrderHistory(deps, customer('u-1'), orderId)).items.map((entry) => entry.type);
    expect(types).toContain('OrderShipped');
    expect(types).toContain('OrderDelivered');
  });

  it('does not deliver an order that is not on its way', async () => {
    const orderId = await place();
    expect(await markDelivered(deps, { orderId, at: new Date(now).toISOString() })).toBe('NOT_ON_ITS_WAY');
    expect(await markDelivered(deps, { orderId: 'nope', at: new Date(now).toISOString() })).toBe(
      'UNKNOWN_ORDER',
    );
  });

  it('refunds and restocks a returned parcel’s order through the cancellation workflow: CANCELLED (RETURNED)', async () => {
    const orderId = await shipped();
    expect(await settleReturn(deps, { orderId, correlationId: 'c-1' })).toBe('RETURNING');
    expect(cancellations).toEqual([
      { orderId, userId: 'u-1', correlationId: 'c-1', customerRequest: true, attempt: 0 },
    ]);
    // The same news again starts the same attempt, which the workflow runs once.
    expect(await settleReturn(deps, { orderId, correlationId: 'c-2' })).toBe('RETURNING');
    expect(cancellations.map((input) => input.attempt)).toEqual([0, 0]);
    const [input] = cancellations;
    if (!input) throw new Error('no cancellation');
    await runCancellation(input);
    const order = await getOrder(deps, customer('u-1'), orderId);
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'RETURNED' });
    expect(orders.outbox.at(-1)?.detail.data).toMatchObject({ reason: 'RETURNED' });
  });

  it('takes a return heard of before OrderShipped; the late OrderShipped ships it on, and the return still settles', async () => {
    const orderId = await place();
    await confirmOrder(deps, orderId);
    await claimShipment(deps, orderId);
    await settleReturn(deps, { orderId, correlationId: 'c-1' });
    expect(await markShipped(deps, shippedEvent(orderId))).toBe('SHIPPED');
    const [input] = cancellations;
    if (!input) throw new Error('no cancellation');
    await runCancellation(input);
    expect((await getOrder(deps, customer('u-1'), orderId)).cancellationReason).toBe('RETURNED');
    // OrderShipped heard again after the return settled: it only joins the timeline, without alarm.
    expect(await markShipped(deps, shippedEvent(orderId))).toBe('ALREADY_SHIPPED');
  });

  it('starts a lost return’s cancellation again once it is overdue, and sets it aside after too many stalls', async () => {
    const orderId = await shipped();
    deps = {
      ...deps,
      workflows: { ...deps.workflows, startCancellation: async () => Promise.reject(new Error('lost')) },
    };
    await expect(settleReturn(deps, { orderId, correlationId: 'c-1' })).rejects.toThrow('lost');
    deps = {
      ...deps,
      workflows: { ...deps.workflows, startCancellation: async (input) => void cancellations.push(input) },
    };
    now += 8 * 60_000;
    expect(await settleStalledOrders(deps)).toMatchObject({ CANCELLING: 1 });
    expect(cancellations.at(-1)).toMatchObject({ orderId, customerRequest: true, attempt: 1 });
    for (let stall = 0; stall < 3; stall++) {
      now += 8 * 60_000;
      await settleStalledOrders(deps);
    }
    expect((await getOrder(deps, customer('u-1'), orderId)).status).toBe('NEEDS_ATTENTION');
    // The operator's run of the cancellation (the runbook) then settles it as returned.
    await runCancellation({ orderId, userId: 'u-1', correlationId: 'op', customerRequest: true });
    expect(await getOrder(deps, customer('u-1'), orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'RETURNED',
    });
  });

  it('sets a returned order aside when a compensation fails, instead of leaving it shipped and due for ever', async () => {
    const orderId = await shipped();
    await settleReturn(deps, { orderId, correlationId: 'c-1' });
    await markNeedsAttention(deps, { orderId, refundFailure: { Error: 'ProviderUnavailableError' } });
    const order = await orders.store.get(orderId);
    expect(order).toMatchObject({ status: 'NEEDS_ATTENTION' });
    expect(order?.dueAt).toBeUndefined();
  });

  it('keeps a shipped order whose return was not asked for, whatever cancellation runs', async () => {
    const orderId = await shipped();
    await runCancellation({ orderId, userId: 'u-1', correlationId: 'c', customerRequest: true });
    expect((await getOrder(deps, customer('u-1'), orderId)).status).toBe('SHIPPED');
  });
});

describe('a customer who deleted their account', () => {
  it('keeps their ended orders for the books with the address anonymized, once, and leaves an open one', async () => {
    const ended = await shipped('k-1');
    await markDelivered(deps, { orderId: ended, at: new Date(now).toISOString() });
    const open = await place('k-2');
    await confirmOrder(deps, open);
    orders.outbox.length = 0;
    expect(await anonymizeCustomerOrders(deps, 'u-1')).toEqual({ anonymized: 1, open: 1 });
    expect(await anonymizeCustomerOrders(deps, 'u-1')).toEqual({ anonymized: 0, open: 1 });
    const books = await getOrder(deps, admin, ended);
    expect(books.shippingAddress).toEqual({
      name: '(deleted)',
      line1: '(deleted)',
      city: '(deleted)',
      postalCode: '(deleted)',
      country: 'GB',
    });
    expect(books.total).toEqual(money(500));
    expect((await getOrder(deps, admin, open)).shippingAddress).toEqual(address);
    expect(orders.outbox.map((event) => [event.detailType, event.detail.data])).toEqual([
      ['OrderAnonymized', { orderId: ended, userId: 'u-1' }],
    ]);
  });

  it('refuses their orders from then on, even with a token that has not expired', async () => {
    await anonymizeCustomerOrders(deps, 'u-1');
    await expect(place('k-3')).rejects.toBeInstanceOf(AccountDeletedError);
    expect(await place('k-3', 'u-2')).toEqual(expect.any(String));
  });
});
