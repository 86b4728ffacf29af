import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { lambdaFunctions, sqsDeadLetterQueue } from '../../ops/redrive/aws-ports.js';
import { redrive } from '../../ops/redrive/redrive.js';
import { SUBSCRIPTIONS } from '../../simulation/wiring.js';
import {
  adminTokens,
  api,
  eventually,
  injectFault,
  inspect,
  newCustomer,
  signUpConfirmed,
  uniqueEmail,
} from '../support/local-cloud-client.js';
import {
  address,
  historyWith,
  placeOrder,
  productWithStock,
  reconciledShop,
  settledOrder,
  stockOf,
} from '../support/orders.js';

const clientConfig = () => ({
  endpoint: inject('awsEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

interface QueueView {
  displayName: string;
  url: string;
  messages: { body: string }[];
}

const queueNamed = async (displayName: string) => {
  const queue = (await inspect<QueueView[]>('queues')).find(
    (candidate) => candidate.displayName === displayName,
  );
  if (!queue) throw new Error(`no queue ${displayName}`);
  return queue;
};

interface BusEvent {
  source: string;
  'detail-type': string;
  detail: { metadata: { correlationId: string; eventId: string }; data: Record<string, unknown> };
}

/** Every consumer (from the services' manifests) and the events its rules deliver to it. */
const CONSUMERS: Record<string, readonly string[]> = Object.fromEntries(
  SUBSCRIPTIONS.map(({ service, consumer, events }) => [
    `${service}/${consumer}`,
    events.map((event) => event.detailType),
  ]),
);

describe('operations on the local cloud', () => {
  it('delivers every consumer its events twice and out of order, with a single effect', async () => {
    const sku = await productWithStock(2, 700);
    const { AccessToken: token } = await newCustomer();
    const admin = (await adminTokens()).AccessToken;
    const correlationId = `e2e-${randomUUID()}`;
    await api(`/cart/items/${sku}`, { method: 'PUT', token, body: { quantity: 1 } });
    const checkout = await api('/cart/checkout', {
      method: 'POST',
      token,
      headers: { 'idempotency-key': randomUUID(), 'x-correlation-id': correlationId },
      body: { shippingAddress: address, paymentToken: 'tok_visa' },
    });
    const { orderId } = checkout.body as { orderId: string };
    await settledOrder(token, orderId);
    // A second order, declined: it takes the last unit and gives it back.
    const declined = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_decline', correlationId);
    await settledOrder(token, declined.orderId);
    await eventually(async () => {
      const answer = await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} });
      return answer.status === 202 ? true : undefined;
    });
    // The carrier delivers it: the parcel's end reaches orders, and its news the customer.
    const delivered = await api(`/orders/${orderId}/shipment/events`, {
      method: 'POST',
      token: admin,
      body: { status: 'DELIVERED' },
    });
    expect(delivered.status).toBe(201);
    // A category of its own, with a product in it, renamed: search follows the new name.
    const categoryId = `ops-${randomUUID().slice(0, 8)}`;
    const newName = `Renamed${randomUUID().slice(0, 8)}`;
    const adminSends = (path: string, method: string, body: unknown) =>
      api(path, { method, token: admin, headers: { 'x-correlation-id': correlationId }, body });
    expect((await adminSends('/categories', 'POST', { id: categoryId, name: 'Before' })).status).toBe(201);
    const shelved = `OPS-${randomUUID().slice(0, 8).toUpperCase()}`;
    const product = {
      sku: shelved,
      name: 'Shelf',
      description: '',
      category: categoryId,
      price: { amount: 100, currency: 'USD' },
    };
    expect((await adminSends('/products', 'POST', product)).status).toBe(201);
    expect((await adminSends(`/categories/${categoryId}`, 'PUT', { name: newName })).status).toBe(200);
    // Another customer signs up and deletes their account: its events reach the consumers that forget.
    const departing = uniqueEmail('departing');
    const departedId = await signUpConfirmed(departing, 'a good password', 'Departing Shopper');
    const departedToken = (
      (await api('/auth/login', { method: 'POST', body: { email: departing, password: 'a good password' } }))
        .body as { accessToken: string }
    ).accessToken;
    // An order of theirs, declined and so ended: deleting the account anonymizes it (OrderAnonymized).
    const departedOrder = await placeOrder(departedToken, [{ sku: shelved, quantity: 1 }], 'tok_decline');
    await settledOrder(departedToken, departedOrder.orderId);
    expect(
      (
        await api('/me', {
          method: 'DELETE',
          token: departedToken,
          headers: { 'x-correlation-id': correlationId },
        })
      ).status,
    ).toBe(204);
    const snapshot = async () => ({
      order: (await api(`/orders/${orderId}`, { token })).body,
      history: (await api(`/orders/${orderId}/history`, { token })).body,
      declined: (await api(`/orders/${declined.orderId}`, { token })).body,
      declinedHistory: (await api(`/orders/${declined.orderId}/history`, { token })).body,
      notifications: ((await api('/notifications', { token })).body as { items: { id: string }[] }).items
        .map((item) => item.id)
        .sort(),
      shipment: (await api(`/orders/${orderId}/shipment`, { token })).body,
      stock: await stockOf(sku),
      cart: (await api('/cart', { token })).body,
      product: (await api(`/products/${sku}`)).body,
      foundByCategory: ((await api(`/products?q=${newName}`)).body as { items: { sku: string }[] }).items.map(
        (item) => item.sku,
      ),
      category: (await api(`/categories/${categoryId}`)).body,
    });
    const settled = await eventually(async () => {
      const state = await snapshot();
      const history = (state.history as { items: { type: string }[] }).items.map((entry) => entry.type);
      const declinedHistory = (state.declinedHistory as { items: { type: string }[] }).items.map(
        (entry) => entry.type,
      );
      return (state.order as { status: string }).status === 'DELIVERED' &&
        state.stock.reserved === 0 &&
        (state.cart as { items: unknown[] }).items.length === 0 &&
        history.includes('OrderShipped') &&
        history.includes('OrderDelivered') &&
        declinedHistory.includes('PaymentFailed') &&
        declinedHistory.includes('InventoryReleased') &&
        state.notifications.length === 6 &&
        state.stock.available === 1 &&
        (state.product as { inStock: boolean }).inStock &&
        state.foundByCategory.includes(shelved)
        ? state
        : undefined;
    });

    // The departed account's UserDeleted, and orders' OrderAnonymized after it, leave through the outboxes.
    await eventually(async () =>
      (await inspect<BusEvent[]>('events')).some(
        (event) =>
          event['detail-type'] === 'OrderAnonymized' && event.detail.data.orderId === departedOrder.orderId,
      )
        ? true
        : undefined,
    );
    const published = (await inspect<BusEvent[]>('events')).filter(
      (event) =>
        event.detail.metadata.correlationId === correlationId ||
        event.detail.data.orderId === orderId ||
        event.detail.data.orderId === declined.orderId ||
        event.detail.data.sku === sku ||
        event.detail.data.categoryId === categoryId ||
        event.detail.data.userId === departedId ||
        event.detail.data.orderId === departedOrder.orderId,
    );
    const functions = await inspect<{ name: string; displayName: string }[]>('functions');
    const lambda = new LambdaClient(clientConfig());
    let deliveries = 0;
    for (const [consumer, types] of Object.entries(CONSUMERS)) {
      const name = functions.find((fn) => fn.displayName === consumer)?.name;
      const events = published.filter((event) => types.includes(event['detail-type']));
      expect(events.length, consumer).toBeGreaterThan(0);
      // Twice each, newest first: late, duplicated and out of order.
      for (const event of [...events, ...events].reverse()) {
        const answer = await lambda.send(
          new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }),
        );
        expect(answer.FunctionError, consumer).toBeUndefined();
        deliveries++;
      }
    }
    expect(deliveries).toBeGreaterThanOrEqual(40);
    expect(await snapshot()).toEqual(settled);
    const executions = await inspect<{ name: string }[]>('executions');
    expect(executions.filter((execution) => execution.name === orderId)).toHaveLength(1);
  });

  it('cancels and refunds an order whose saga stopped after the payment, once it is overdue', async () => {
    const sku = await productWithStock(2);
    const { AccessToken: token } = await newCustomer();
    const userId = (
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }
    ).sub;
    const correlationId = `e2e-${randomUUID()}`;
    // No saga runs for the order: its first two steps are run below, by their own functions, and then it stops.
    const lift = await injectFault({
      function: 'Orders/StartOrderSaga',
      match: { 'detail.metadata.correlationId': correlationId },
    });
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_visa', correlationId);
    const { total } = (await api(`/orders/${orderId}`, { token })).body as { total: unknown };
    const lambda = new LambdaClient(clientConfig());
    const functions = await inspect<{ name: string; displayName: string }[]>('functions');
    const invoke = async (displayName: string, payload: unknown) => {
      const fn = functions.find((candidate) => candidate.displayName === displayName);
      const answer = await lambda.send(
        new InvokeCommand({ FunctionName: fn?.name, Payload: Buffer.from(JSON.stringify(payload)) }),
      );
      expect(answer.FunctionError, Buffer.from(answer.Payload ?? []).toString()).toBeUndefined();
    };
    await invoke('Inventory/ReserveInventory', { orderId, correlationId, lines: [{ sku, quantity: 1 }] });
    await invoke('Payments/ProcessPayment', {
      orderId,
      userId,
      correlationId,
      amount: total,
      paymentToken: 'tok_visa',
    });
    expect(await stockOf(sku)).toMatchObject({ available: 1, reserved: 1 });

    // The order's due time passes, and the stalled-order sweep starts its cancellation.
    const tables = DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...clientConfig(), endpoint: inject('dynamodbEndpoint') }),
    );
    await tables.send(
      new UpdateCommand({
        TableName: inject('tables').OrdersTable,
        Key: { pk: `ORDER#${orderId}`, sk: 'ORDER' },
        UpdateExpression: 'SET dueAt = :past',
        ExpressionAttributeValues: { ':past': '2000-01-01T00:00:00.000Z' },
      }),
    );
    await invoke('Orders/SettleStalledOrders', {});

    expect(await settledOrder(token, orderId)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_FAILED',
    });
    await historyWith(token, orderId, ['InventoryReleased', 'PaymentRefunded', 'OrderCancelled']);
    expect(await stockOf(sku)).toMatchObject({ available: 2, reserved: 0 });
    await lift();
    expect((await reconciledShop()).violations).toEqual([]);
  });

  it('redrives what a failing consumer left in its dead-letter queue, each applied once', async () => {
    const sku = await productWithStock(2);
    const { AccessToken: token } = await newCustomer();
    const admin = (await adminTokens()).AccessToken;
    const correlationId = `e2e-${randomUUID()}`;
    const lift = await injectFault({
      function: 'Shipping/PrepareShipment',
      match: { 'detail.metadata.correlationId': correlationId },
    });
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_visa', correlationId);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    const deadLetters = await eventually(async () => {
      const queue = await queueNamed('Shipping/PrepareShipmentOn/DeadLetters');
      return queue.messages.some((message) => message.body.includes(orderId)) ? queue : undefined;
    });
    await lift();
    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} })).status).toBe(
      409,
    );

    const queue = sqsDeadLetterQueue(new SQSClient(clientConfig()), deadLetters.url);
    const functions = lambdaFunctions(new LambdaClient(clientConfig()));
    const dryRun = await redrive(queue, functions, { dryRun: true, max: 100 });
    expect(dryRun.redriven).toBe(0);
    expect(dryRun.plans).toContainEqual(
      expect.objectContaining({ action: 'invoke', functionArn: expect.stringContaining('PrepareShipment') }),
    );
    expect((await queueNamed('Shipping/PrepareShipmentOn/DeadLetters')).messages.length).toBeGreaterThan(0);

    const report = await redrive(queue, functions, { dryRun: false, max: 100 });
    expect(report.redriven).toBeGreaterThanOrEqual(1);
    expect((await redrive(queue, functions, { dryRun: false, max: 100 })).plans).toEqual([]);
    const shipped = await eventually(async () => {
      const answer = await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} });
      return answer.status === 202 ? answer : undefined;
    });
    expect(shipped.status).toBe(202);
    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} })).status).toBe(
      409,
    );
    expect((await reconciledShop()).violations).toEqual([]);
  });
});
