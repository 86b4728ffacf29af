import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adminTokens, api, newCustomer } from '../support/local-cloud-client.js';
import {
  address,
  placeOrder,
  productWithStock,
  reconciledShop,
  sagaStory,
  settledOrder,
  stockOf,
} from '../support/orders.js';
import { scaled } from '../support/time-scale.js';

describe('many customers racing for the last items', () => {
  it(
    'confirms exactly as many orders as there is stock, split over two warehouses, and cancels the rest OUT_OF_STOCK',
    async () => {
      // Three units in main, two in a second warehouse: orders are taken from one, then the other.
      const sku = await productWithStock(3);
      const admin = (await adminTokens()).AccessToken;
      const second = `race-${randomUUID().slice(0, 8)}`;
      const made = await api('/warehouses', {
        method: 'POST',
        token: admin,
        body: { id: second, name: 'Race', country: 'US' },
      });
      expect(made.status, made.text).toBe(201);
      const stocked = await api(`/inventory/${sku}/warehouses/${second}`, {
        method: 'PUT',
        token: admin,
        body: { available: 2 },
      });
      expect(stocked.status, stocked.text).toBe(200);
      const customers = await Promise.all(Array.from({ length: 30 }, () => newCustomer()));
      const placed = await Promise.all(
        customers.map(async ({ AccessToken: token }) => ({
          token,
          ...(await placeOrder(token, [{ sku, quantity: 1 }])),
        })),
      );
      const settled = await Promise.all(
        placed.map(({ token, orderId }) => settledOrder(token, orderId, scaled(90_000))),
      );
      const statuses: Record<string, number> = {};
      for (const { status } of settled) statuses[status] = (statuses[status] ?? 0) + 1;
      const cancelled = settled.filter((order) => order.status === 'CANCELLED');
      const astray = settled.filter(
        (order) => order.status !== 'CONFIRMED' && order.cancellationReason !== 'OUT_OF_STOCK',
      );
      for (const order of astray) console.error(`${order.status}: ${await sagaStory(order.orderId)}`);
      expect(statuses).toEqual({ CONFIRMED: 5, CANCELLED: 25 });
      for (const order of cancelled) expect(order.cancellationReason).toBe('OUT_OF_STOCK');
      expect(await stockOf(sku)).toMatchObject({
        available: 0,
        warehouses: [
          { warehouseId: 'main', available: 0 },
          { warehouseId: second, available: 0 },
        ],
      });
      const pending = await Promise.all(
        placed.map(
          async ({ token, orderId }) =>
            ((await api(`/orders/${orderId}`, { token })).body as { status: string }).status,
        ),
      );
      expect(pending).not.toContain('PENDING');
      const result = await reconciledShop(60_000);
      console.info(
        `race for the last items: ${placed.length} orders for 5 units, ${JSON.stringify(statuses)}, ${result.violations.length} invariant violations`,
      );
      expect(result.violations).toEqual([]);
    },
    scaled(180_000),
  );
});

describe('one customer hammering one Idempotency-Key', () => {
  it(
    'makes one order of 20 concurrent identical requests, each answered with it',
    async () => {
      const sku = await productWithStock(10);
      const { AccessToken: token } = await newCustomer();
      const key = randomUUID();
      const body = { items: [{ sku, quantity: 2 }], shippingAddress: address, paymentToken: 'tok_visa' };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          api('/orders', { method: 'POST', token, headers: { 'idempotency-key': key }, body }),
        ),
      );
      console.info(
        `idempotency hammer: ${answers.length} requests, statuses ${[...new Set(answers.map((answer) => answer.status))].join(',')}`,
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 202));
      const orderIds = new Set(answers.map((answer) => (answer.body as { orderId: string }).orderId));
      expect(orderIds.size).toBe(1);
      const [orderId = ''] = orderIds;
      expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
      const list = (await api('/orders', { token })).body as { items: unknown[] };
      expect(list.items).toHaveLength(1);
      expect(await stockOf(sku)).toMatchObject({ available: 8 });
      expect((await reconciledShop(60_000)).violations).toEqual([]);
    },
    scaled(120_000),
  );
});
