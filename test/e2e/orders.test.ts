import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { api, aws, eventually, injectFault, inspect, newCustomer } from '../support/local-cloud-client.js';
import {
  address,
  historyWith,
  placeOrder,
  productWithStock,
  reconciledShop,
  settledOrder,
  stockOf,
} from '../support/orders.js';
import { scaled } from '../support/time-scale.js';

describe('orders on the local cloud', () => {
  it('reserves, charges and confirms an order, and tells its story in the history', async () => {
    const sku = await productWithStock(10, 1250);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [
      { sku, quantity: 2 },
      { sku, quantity: 1 },
    ]);
    const order = await settledOrder(token, orderId);
    expect(order).toMatchObject({
      status: 'CONFIRMED',
      items: [{ sku, name: `Test ${sku}`, quantity: 3, unitPrice: { amount: 1250, currency: 'USD' } }],
      total: { amount: 3750, currency: 'USD' },
      shippingAddress: address,
    });
    expect(order).not.toHaveProperty('paymentToken');
    await eventually(async () => ((await stockOf(sku)).reserved === 0 ? true : undefined));
    expect(await stockOf(sku)).toEqual({
      sku,
      available: 7,
      reserved: 0,
      warehouses: [{ warehouseId: 'main', available: 7, reserved: 0 }],
    });
    const types = await historyWith(token, orderId, [
      'InventoryReserved',
      'PaymentCompleted',
      'OrderConfirmed',
    ]);
    expect(types).toEqual(['OrderPlaced', 'InventoryReserved', 'PaymentCompleted', 'OrderConfirmed']);
  });

  it('lists the caller’s orders newest first, a page at a time', async () => {
    const sku = await productWithStock(10);
    const { AccessToken: token } = await newCustomer();
    const first = await placeOrder(token, [{ sku, quantity: 1 }]);
    const second = await placeOrder(token, [{ sku, quantity: 1 }]);
    const page = await api('/orders?limit=1', { token });
    expect(page.body).toMatchObject({ items: [{ orderId: second.orderId }], nextCursor: expect.any(String) });
    const next = await api(`/orders?limit=1&cursor=${(page.body as { nextCursor: string }).nextCursor}`, {
      token,
    });
    expect(next.body).toMatchObject({ items: [{ orderId: first.orderId }], nextCursor: null });
  });

  it('answers a replayed Idempotency-Key with the same 202 and creates nothing; another body gets 422', async () => {
    const sku = await productWithStock(10);
    const { AccessToken: token } = await newCustomer();
    const key = randomUUID();
    const body = { items: [{ sku, quantity: 1 }], shippingAddress: address, paymentToken: 'tok_visa' };
    const send = (payload: unknown) =>
      api('/orders', { method: 'POST', token, headers: { 'idempotency-key': key }, body: payload });
    const answers = await Promise.all([send(body), send(body), send(body), send(body), send(body)]);
    const ids = new Set(answers.map((answer) => (answer.body as { orderId: string }).orderId));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
    expect(ids.size).toBe(1);
    const [orderId] = [...ids];
    expect(answers[0]?.headers.get('location')).toBe(`/orders/${orderId}`);
    expect(await send(body)).toMatchObject({ status: 202, body: { orderId, status: 'PENDING' } });
    const other = await send({ ...body, items: [{ sku, quantity: 2 }] });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    const listed = (await api('/orders', { token })).body as { items: unknown[] };
    expect(listed.items).toHaveLength(1);
  });

  it('refuses an order without an Idempotency-Key, with an unknown sku or a bad token, changing nothing', async () => {
    const { AccessToken: token } = await newCustomer();
    const body = {
      items: [{ sku: 'BOOK-SICP', quantity: 1 }],
      shippingAddress: address,
      paymentToken: 'tok_visa',
    };
    expect((await api('/orders', { method: 'POST', token, body })).status).toBe(400);
    const post = (payload: unknown) =>
      api('/orders', { method: 'POST', token, headers: { 'idempotency-key': randomUUID() }, body: payload });
    const unknown = await post({ ...body, items: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ pointer: '#/items/0/sku' }] } });
    expect((await post({ ...body, paymentToken: 'visa' })).status).toBe(400);
    expect((await post({ ...body, price: 1 })).status).toBe(400);
    expect(((await api('/orders', { token })).body as { items: unknown[] }).items).toEqual([]);
  });

  it('shows nobody else’s order: 404 for its details, history and cancellation', async () => {
    const sku = await productWithStock(5);
    const owner = (await newCustomer()).AccessToken;
    const stranger = (await newCustomer()).AccessToken;
    const { orderId } = await placeOrder(owner, [{ sku, quantity: 1 }]);
    expect((await api(`/orders/${orderId}`, { token: stranger })).status).toBe(404);
    expect((await api(`/orders/${orderId}/history`, { token: stranger })).status).toBe(404);
    expect((await api(`/orders/${orderId}/cancel`, { method: 'POST', token: stranger })).status).toBe(404);
    expect((await api(`/orders/${orderId}`, { token: owner })).status).toBe(200);
  });

  it('cancels an order the stock cannot cover (OUT_OF_STOCK) and holds nothing', async () => {
    const sku = await productWithStock(1);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 2 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
    });
    expect(await stockOf(sku)).toMatchObject({ available: 1, reserved: 0 });
  });

  it('cancels a declined payment (PAYMENT_DECLINED) and gives the stock back', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 2 }], 'tok_decline');
    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_DECLINED',
    });
    expect(await stockOf(sku)).toMatchObject({ available: 3, reserved: 0 });
    await historyWith(token, orderId, ['PaymentFailed', 'InventoryReleased', 'OrderCancelled']);
  });

  it('gives up on a provider that never answers in time (PAYMENT_FAILED), releasing the stock', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_timeout');
    expect(await settledOrder(token, orderId, scaled(50_000))).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_FAILED',
    });
    expect(await stockOf(sku)).toMatchObject({ available: 3, reserved: 0 });
  });

  it('confirms an order whose first payment attempt fails and whose retry succeeds, charging once', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_flaky');
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    const types = await historyWith(token, orderId, [
      'InventoryReserved',
      'PaymentCompleted',
      'OrderConfirmed',
    ]);
    expect(types).toEqual(['OrderPlaced', 'InventoryReserved', 'PaymentCompleted', 'OrderConfirmed']);
  });

  it('refunds the charge and releases the stock when confirmation fails after the charge', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const correlationId = `e2e-${randomUUID()}`;
    const lift = await injectFault({ function: 'ConfirmOrder', match: { correlationId } });
    try {
      const { orderId } = await placeOrder(token, [{ sku, quantity: 2 }], 'tok_visa', correlationId);
      expect(await settledOrder(token, orderId)).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'PAYMENT_FAILED',
      });
      await historyWith(token, orderId, [
        'PaymentCompleted',
        'PaymentRefunded',
        'InventoryReleased',
        'OrderCancelled',
      ]);
      expect(await stockOf(sku)).toMatchObject({ available: 3, reserved: 0 });
    } finally {
      await lift();
    }
  });

  it('sets the order aside as NEEDS_ATTENTION, with a dead-letter message and a failed execution, when a compensation keeps failing', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const correlationId = `e2e-${randomUUID()}`;
    const lifts = await Promise.all([
      injectFault({ function: 'ConfirmOrder', match: { correlationId } }),
      injectFault({ function: 'RefundPayment', match: { correlationId } }),
    ]);
    try {
      const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_visa', correlationId);
      expect(await settledOrder(token, orderId)).toMatchObject({ status: 'NEEDS_ATTENTION' });
      const queues = await inspect<{ displayName: string; messages: { body: string }[] }[]>('queues');
      const deadLetters = queues.find((queue) => queue.displayName.startsWith('Orders/Saga/DeadLetters'));
      expect(deadLetters?.messages.map((message) => JSON.parse(message.body).orderId)).toContain(orderId);
      const executions = await inspect<{ name: string; status: string; error?: string }[]>('executions');
      expect(executions.find((execution) => execution.name === orderId)).toMatchObject({
        status: 'FAILED',
        error: 'OrderNeedsAttention',
      });
    } finally {
      await Promise.all(lifts.map((lift) => lift()));
    }
  });

  it('lets the customer cancel a confirmed order: refund, stock back, CUSTOMER_CANCELLED; then 409', async () => {
    const sku = await productWithStock(4);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 3 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    await eventually(async () => ((await stockOf(sku)).reserved === 0 ? true : undefined));
    const cancel = await api(`/orders/${orderId}/cancel`, { method: 'POST', token });
    expect(cancel.status).toBe(202);
    const cancelled = await eventually(async () => {
      const order = (await api(`/orders/${orderId}`, { token })).body as { status: string };
      return order.status === 'CANCELLED' ? order : undefined;
    });
    expect(cancelled).toMatchObject({ cancellationReason: 'CUSTOMER_CANCELLED' });
    expect(await stockOf(sku)).toMatchObject({ available: 4, reserved: 0 });
    await historyWith(token, orderId, ['PaymentRefunded', 'InventoryReleased', 'OrderCancelled']);
    expect((await api(`/orders/${orderId}/cancel`, { method: 'POST', token })).status).toBe(409);
  });

  it('checks out the cart into an order and empties the cart once the order is accepted', async () => {
    const sku = await productWithStock(5, 900);
    const { AccessToken: token } = await newCustomer();
    expect(
      (
        await api('/cart/checkout', {
          method: 'POST',
          token,
          headers: { 'idempotency-key': randomUUID() },
          body: { shippingAddress: address, paymentToken: 'tok_visa' },
        })
      ).status,
    ).toBe(409);
    await api(`/cart/items/${sku}`, { method: 'PUT', token, body: { quantity: 2 } });
    const key = randomUUID();
    const checkout = () =>
      api('/cart/checkout', {
        method: 'POST',
        token,
        headers: { 'idempotency-key': key },
        body: { shippingAddress: address, paymentToken: 'tok_visa' },
      });
    const accepted = await checkout();
    expect(accepted.status).toBe(202);
    const { orderId } = accepted.body as { orderId: string };
    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'CONFIRMED',
      items: [{ sku, quantity: 2 }],
      total: { amount: 1800 },
    });
    await eventually(async () => {
      const cart = (await api('/cart', { token })).body as { items: unknown[] };
      return cart.items.length === 0 ? true : undefined;
    });
    expect(await checkout()).toMatchObject({ status: 202, body: { orderId } });
  });

  it('starts one saga per order however often OrderPlaced is delivered', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    const events =
      await inspect<{ source: string; 'detail-type': string; detail: { data: { orderId: string } } }[]>(
        'events',
      );
    const placed = events.find(
      (event) => event['detail-type'] === 'OrderPlaced' && event.detail.data.orderId === orderId,
    );
    const entry = {
      EventBusName: inject('eventBusName'),
      Source: placed?.source,
      DetailType: placed?.['detail-type'],
      Detail: JSON.stringify(placed?.detail),
    };
    const starts = async () =>
      (await inspect<Record<string, number>>('invocations'))['Orders/StartOrderSaga'] ?? 0;
    const before = await starts();
    await aws('AWSEvents.PutEvents', { Entries: [entry, entry] });
    // Both duplicates reached the saga starter (other tests' orders may add more).
    await eventually(async () => ((await starts()) >= before + 2 ? true : undefined));
    const executions = await inspect<{ name: string }[]>('executions');
    expect(executions.filter((execution) => execution.name === orderId)).toHaveLength(1);
    expect(await historyWith(token, orderId, ['InventoryReserved', 'PaymentCompleted'])).toEqual([
      'OrderPlaced',
      'InventoryReserved',
      'PaymentCompleted',
      'OrderConfirmed',
    ]);
  });

  it('leaves every invariant intact: orders terminal, stock conserved, money reconciled', async () => {
    const result = await reconciledShop();
    expect(result.violations).toEqual([]);
    expect(result.ordersChecked).toBeGreaterThan(0);
  });
});
