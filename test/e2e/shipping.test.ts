import { describe, expect, it } from 'vitest';
import { adminTokens, api, eventually, newCustomer } from '../support/local-cloud-client.js';
import {
  historyWith,
  placeOrder,
  productWithStock,
  reconciledShop,
  settledOrder,
  shipmentOf,
  stockOf,
} from '../support/orders.js';

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

  it('ships or cancels a confirmed order, never both: a cancellation request stops the parcel', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const admin = (await adminTokens()).AccessToken;
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    await eventually(async () => ((await shipmentOf(orderId))?.status === 'READY' ? true : undefined));
    expect((await api(`/orders/${orderId}/cancel`, { method: 'POST', token })).status).toBe(202);
    const refused = await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} });
    expect(refused.status).toBe(409);
    await eventually(async () => {
      const order = (await api(`/orders/${orderId}`, { token })).body as { status: string };
      return order.status === 'CANCELLED' ? true : undefined;
    });
    expect((await api(`/orders/${orderId}/shipment`, { token })).status).toBe(404);
    expect(await stockOf(sku)).toMatchObject({ available: 3, reserved: 0 });
  });

  it('ships or cancels a confirmed order, never both: a parcel on its way stops the cancellation', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const admin = (await adminTokens()).AccessToken;
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    await eventually(async () => ((await shipmentOf(orderId))?.status === 'READY' ? true : undefined));
    const [shipped, cancelled] = await Promise.all([
      api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} }),
      api(`/orders/${orderId}/cancel`, { method: 'POST', token }),
    ]);
    // Whichever orders decided first wins; the other is refused.
    expect([shipped.status, cancelled.status].sort()).toEqual([202, 409]);
    const final = shipped.status === 202 ? 'SHIPPED' : 'CANCELLED';
    await eventually(async () => {
      const order = (await api(`/orders/${orderId}`, { token })).body as { status: string };
      return order.status === final ? true : undefined;
    });
    expect((await reconciledShop()).violations).toEqual([]);
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
