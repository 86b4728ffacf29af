import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryOrders } from '../../../../functions/orders/adapters/in-memory-order-store.js';
import type {
  OrderCancellationInput,
  OrderSagaInput,
} from '../../../../functions/orders/contracts/order-saga.js';
import { ConfirmationRefusals } from '../../../../functions/orders/contracts/order-saga.js';
import { claimShipmentHandler } from '../../../../functions/orders/handlers/claim-shipment.handler.js';
import { confirmOrderHandler } from '../../../../functions/orders/handlers/confirm-order.handler.js';
import { getOrderHandler } from '../../../../functions/orders/handlers/get-order.handler.js';
import { markOrderShippedHandler } from '../../../../functions/orders/handlers/mark-order-shipped.handler.js';
import { placeOrderHandler } from '../../../../functions/orders/handlers/place-order.handler.js';
import { requestOrderCancellationHandler } from '../../../../functions/orders/handlers/request-order-cancellation.handler.js';
import type {
  ConfirmationDependencies,
  OrdersDependencies,
} from '../../../../functions/orders/use-cases/ports.js';
import { inMemoryInbox } from '../../../../functions/shared/events/inbox.js';
import { ContractCallFailedError } from '../../../../functions/shared/invoke/contract.js';
import { money } from '../../../../functions/shared/money.js';
import { hmacCursors } from '../../../../functions/shared/pagination.js';
import { OrderShipped } from '../../../../functions/shipping/contracts/events.js';
import { customerClaims, httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';
import { asDelivered } from '../../../support/test-events.js';

const address = { name: 'Ann', line1: '1 Road', city: 'Town', postalCode: '12345', country: 'GB' };
const products = new Map([['A1', { sku: 'A1', name: 'Apple', price: money(500) }]]);

let orders: InMemoryOrders;
let started: { sagas: OrderSagaInput[]; cancellations: OrderCancellationInput[] };
let catalogDown: boolean;
let deps: () => OrdersDependencies & ConfirmationDependencies;

beforeEach(() => {
  orders = new InMemoryOrders();
  started = { sagas: [], cancellations: [] };
  catalogDown = false;
  const built: OrdersDependencies & ConfirmationDependencies = {
    orders: orders.store,
    catalog: {
      getProducts: async (skus) => {
        if (catalogDown) throw new ContractCallFailedError('GetProducts did not answer');
        return skus.flatMap((sku) => products.get(sku) ?? []);
      },
    },
    cart: { lines: async () => [] },
    workflows: {
      startOrderSaga: async (input) => void started.sagas.push(input),
      startCancellation: async (input) => void started.cancellations.push(input),
    },
    cursors: hmacCursors('x'.repeat(32)),
    stock: { commit: async () => ({ outcome: 'COMMITTED', shipFrom: [] }) },
    clock: () => new Date('2026-12-05T10:00:00.000Z'),
  };
  deps = () => built;
});

const placeOrder = async (key = 'key-1', user = 'user-1') =>
  parseResponse(
    await placeOrderHandler(deps)(
      httpEvent('POST /orders', {
        claims: customerClaims(user),
        headers: { 'Idempotency-Key': key },
        body: { items: [{ sku: 'A1', quantity: 2 }], shippingAddress: address, paymentToken: 'tok_visa' },
      }),
      lambdaContext(),
    ),
  );

const orderShipped = (orderId: string) => {
  const event = OrderShipped.create({
    orderId,
    userId: 'user-1',
    carrier: 'UPS',
    trackingNumber: '1Z999',
    shippedAt: '2026-12-05T11:00:00.000Z',
  });
  return asDelivered(event);
};

describe('the orders routes, saga tasks, contract and consumer through their middleware', () => {
  it('accepts an order (202, Location), the same key again gives the same order, another customer cannot read it', async () => {
    const first = await placeOrder();
    expect(first).toMatchObject({ status: 202, body: { orderId: expect.any(String), status: 'PENDING' } });
    const orderId = (first.body as { orderId: string }).orderId;
    expect(first.headers.location).toBe(`/orders/${orderId}`);
    expect((await placeOrder()).body).toEqual(first.body);
    expect(orders.orders.size).toBe(1);

    const read = (user: string) =>
      getOrderHandler(deps)(
        httpEvent('GET /orders/{orderId}', {
          path: `/orders/${orderId}`,
          pathParameters: { orderId },
          claims: customerClaims(user),
        }),
        lambdaContext(),
      );
    expect(parseResponse(await read('user-1'))).toMatchObject({
      status: 200,
      body: { orderId, total: money(1000) },
    });
    expect(parseResponse(await read('user-2'))).toMatchObject({
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
  });

  it('refuses an order without an Idempotency-Key (400 problem) and writes nothing', async () => {
    const answer = parseResponse(
      await placeOrderHandler(deps)(
        httpEvent('POST /orders', {
          claims: customerClaims(),
          body: { items: [{ sku: 'A1', quantity: 1 }], shippingAddress: address, paymentToken: 'tok_visa' },
        }),
        lambdaContext(),
      ),
    );
    expect(answer).toMatchObject({ status: 400, headers: { 'content-type': 'application/problem+json' } });
    expect(orders.orders.size).toBe(0);
  });

  it('answers 503 with Retry-After when the catalog cannot be asked, and writes nothing', async () => {
    catalogDown = true;
    const answer = await placeOrder();
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toEqual(expect.any(String));
    expect(orders.orders.size).toBe(0);
  });

  it('confirms a pending order as a saga task, and refuses by error name an order the gate abandoned', async () => {
    const orderId = ((await placeOrder()).body as { orderId: string }).orderId;
    const confirm = confirmOrderHandler(deps);
    await expect(confirm({ orderId, correlationId: 'c-1' }, lambdaContext())).resolves.toEqual({
      orderId,
      status: 'CONFIRMED',
    });
    // Again: the task is idempotent.
    await expect(confirm({ orderId, correlationId: 'c-1' }, lambdaContext())).resolves.toMatchObject({
      status: 'CONFIRMED',
    });

    const abandoned = ((await placeOrder('key-2')).body as { orderId: string }).orderId;
    await orders.store.abandon(abandoned, '2026-12-05T10:00:01.000Z');
    await expect(
      confirm({ orderId: abandoned, correlationId: 'c-2' }, lambdaContext()),
    ).rejects.toMatchObject({
      name: ConfirmationRefusals.notPending,
    });
    await expect(confirm({ correlationId: 'c-3' }, lambdaContext())).rejects.toThrow();
  });

  it('claims a confirmed order for shipping through its contract; a cancellation asked for first wins', async () => {
    const orderId = ((await placeOrder()).body as { orderId: string }).orderId;
    const claim = claimShipmentHandler(deps);
    expect(await claim({ request: { orderId } }, lambdaContext())).toMatchObject({ claimed: false });
    await confirmOrderHandler(deps)({ orderId, correlationId: 'c-1' }, lambdaContext());

    const other = ((await placeOrder('key-2')).body as { orderId: string }).orderId;
    await confirmOrderHandler(deps)({ orderId: other, correlationId: 'c-2' }, lambdaContext());
    const cancelled = parseResponse(
      await requestOrderCancellationHandler(deps)(
        httpEvent('POST /orders/{orderId}/cancel', {
          path: `/orders/${other}/cancel`,
          pathParameters: { orderId: other },
          claims: customerClaims(),
        }),
        lambdaContext(),
      ),
    );
    expect(cancelled.status).toBe(202);
    expect(started.cancellations.map((input) => input.orderId)).toEqual([other]);

    expect(await claim({ request: { orderId } }, lambdaContext())).toMatchObject({ claimed: true });
    expect(await claim({ request: { orderId: other } }, lambdaContext())).toEqual({
      claimed: false,
      status: 'CANCELLATION_REQUESTED',
    });
    await expect(claim({ request: { orderId: 'not an id' } }, lambdaContext())).rejects.toThrow();
  });

  it('marks an order shipped once, however often OrderShipped arrives', async () => {
    const orderId = ((await placeOrder()).body as { orderId: string }).orderId;
    await confirmOrderHandler(deps)({ orderId, correlationId: 'c-1' }, lambdaContext());
    const consume = markOrderShippedHandler(deps, inMemoryInbox);
    const event = orderShipped(orderId);
    await consume(event, lambdaContext());
    await consume(event, lambdaContext());
    expect(orders.orders.get(orderId)?.status).toBe('SHIPPED');
    const history = await orders.store.history(orderId);
    expect(history.filter((entry) => entry.type === 'OrderShipped')).toHaveLength(1);
  });
});
