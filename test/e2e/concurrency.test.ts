import { describe, expect, it } from 'vitest';
import { api, newCustomer } from '../support/local-cloud-client.js';
import { placeOrder, productWithStock, reconciledShop, settledOrder, stockOf } from '../support/orders.js';

describe('many customers racing for the last items', () => {
  it('confirms exactly as many orders as there is stock and cancels the rest OUT_OF_STOCK', async () => {
    const sku = await productWithStock(5);
    const customers = await Promise.all(Array.from({ length: 30 }, () => newCustomer()));
    const placed = await Promise.all(
      customers.map(async ({ AccessToken: token }) => ({
        token,
        ...(await placeOrder(token, [{ sku, quantity: 1 }])),
      })),
    );
    const settled = await Promise.all(
      placed.map(({ token, orderId }) => settledOrder(token, orderId, 90_000)),
    );
    const confirmed = settled.filter((order) => order.status === 'CONFIRMED');
    const cancelled = settled.filter((order) => order.status === 'CANCELLED');
    expect(confirmed).toHaveLength(5);
    expect(cancelled).toHaveLength(25);
    for (const order of cancelled) expect(order.cancellationReason).toBe('OUT_OF_STOCK');
    expect(await stockOf(sku)).toMatchObject({ available: 0 });
    const pending = await Promise.all(
      placed.map(
        async ({ token, orderId }) =>
          ((await api(`/orders/${orderId}`, { token })).body as { status: string }).status,
      ),
    );
    expect(pending).not.toContain('PENDING');
    const result = await reconciledShop(60_000);
    expect(result.violations).toEqual([]);
  }, 180_000);
});
