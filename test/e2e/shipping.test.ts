import { describe, expect, it } from 'vitest';
import { adminTokens, api, eventually, newCustomer } from '../support/local-cloud-client.js';
import { historyWith, placeOrder, productWithStock, settledOrder } from '../support/orders.js';

describe('shipping on the local cloud', () => {
  it('ships a confirmed order: SHIPPED, a shipment with tracking, OrderShipped in the history, no cancel', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const admin = (await adminTokens()).AccessToken;
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    expect((await api(`/orders/${orderId}/shipment`, { token })).status).toBe(404);
    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token, body: {} })).status).toBe(403);
    // The shipment becomes READY when shipping hears OrderConfirmed.
    const shipped = await eventually(async () => {
      const answer = await api(`/orders/${orderId}/ship`, {
        method: 'POST',
        token: admin,
        body: { carrier: 'DHL' },
      });
      return answer.status === 202 ? answer : undefined;
    });
    expect(shipped.body).toMatchObject({
      carrier: 'DHL',
      trackingNumber: expect.stringMatching(/^JD\d{18}$/),
    });
    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} })).status).toBe(
      409,
    );
    await eventually(async () => {
      const order = (await api(`/orders/${orderId}`, { token })).body as { status: string };
      return order.status === 'SHIPPED' ? true : undefined;
    });
    expect((await api(`/orders/${orderId}/shipment`, { token })).body).toEqual({
      ...(shipped.body as object),
      status: 'SHIPPED',
    });
    expect((await historyWith(token, orderId, ['OrderShipped'])).at(-1)).toBe('OrderShipped');
    expect((await api(`/orders/${orderId}/cancel`, { method: 'POST', token })).status).toBe(409);
    const stranger = (await newCustomer()).AccessToken;
    expect((await api(`/orders/${orderId}/shipment`, { token: stranger })).status).toBe(404);
  });

  it('refuses to ship an order that is not confirmed', async () => {
    const sku = await productWithStock(1);
    const { AccessToken: token } = await newCustomer();
    const admin = (await adminTokens()).AccessToken;
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_decline');
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CANCELLED' });
    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} })).status).toBe(
      409,
    );
  });
});
