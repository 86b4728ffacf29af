import { describe, expect, it } from 'vitest';
import { adminTokens, api, eventually, newCustomer } from '../support/local-cloud-client.js';
import {
  address,
  historyWith,
  placeOrder,
  productWithStock,
  reconciledShop,
  settledOrder,
  shipmentOf,
  stockOf,
} from '../support/orders.js';
import { scaled } from '../support/time-scale.js';

interface Listed {
  orderId: string;
  userId: string;
  status: string;
}
interface Page {
  items: Listed[];
  nextCursor: string | null;
}
interface Shipment {
  status: string;
  shippingAddress?: typeof address;
  events: { status: string; at: string; location?: string }[];
}

const moved = { ...address, line1: '1 Difference Lane', postalCode: 'N2' };

/** A confirmed order of a new customer, ready to ship (its shipment READY). */
const confirmedOrder = async (stock = 3) => {
  const sku = await productWithStock(stock);
  const customer = await newCustomer();
  const token = customer.AccessToken;
  const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
  expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
  await eventually(async () => ((await shipmentOf(orderId))?.status === 'READY' ? true : undefined));
  return { sku, token, orderId };
};

const orderStatus = async (token: string, orderId: string) =>
  (await api(`/orders/${orderId}`, { token })).body as { status: string; cancellationReason?: string };

const news = (admin: string, orderId: string, body: Record<string, unknown>) =>
  api(`/orders/${orderId}/shipment/events`, { method: 'POST', token: admin, body });

describe("the admin's day on the local cloud", () => {
  it('finds a new order among those to ship, ships it, tracks it to the door; the customer sees and hears every step', async () => {
    const admin = (await adminTokens()).AccessToken;
    const { token, orderId } = await confirmedOrder();

    // Every customer's orders, newest first, filtered by status: CONFIRMED = to ship.
    const listed = await eventually(async () => {
      const page = (await api('/admin/orders?status=CONFIRMED&limit=100', { token: admin })).body as Page;
      return page.items.find((order) => order.orderId === orderId);
    });
    expect(listed).toMatchObject({ status: 'CONFIRMED', userId: expect.any(String) });
    expect((await api('/admin/orders?status=CONFIRMED', { token })).status).toBe(403);
    expect((await api('/admin/orders?status=LOST', { token: admin })).status).toBe(400);
    // Admins read any customer's order, its history and (below) its shipment.
    expect((await api(`/orders/${orderId}`, { token: admin })).status).toBe(200);
    expect((await api(`/orders/${orderId}/history`, { token: admin })).status).toBe(200);

    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} })).status).toBe(
      202,
    );
    for (const [status, location] of [
      ['IN_TRANSIT', 'Leeds hub'],
      ['OUT_FOR_DELIVERY', 'London depot'],
      ['DELIVERED', undefined],
    ] as const) {
      const answer = await news(admin, orderId, { status, ...(location ? { location } : {}) });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('location')).toBe(`/orders/${orderId}/shipment`);
    }
    // Forward only: nothing after the parcel's end.
    const late = await news(admin, orderId, { status: 'IN_TRANSIT' });
    expect(late.status).toBe(409);
    expect(late.headers.get('content-type')).toContain('application/problem+json');
    expect((await news(token, orderId, { status: 'RETURNED' })).status).toBe(403);

    const shipment = (await api(`/orders/${orderId}/shipment`, { token })).body as Shipment;
    expect(shipment.status).toBe('DELIVERED');
    expect(shipment.events.map((event) => [event.status, event.location])).toEqual([
      ['IN_TRANSIT', 'Leeds hub'],
      ['OUT_FOR_DELIVERY', 'London depot'],
      ['DELIVERED', undefined],
    ]);
    expect(((await api(`/orders/${orderId}/shipment`, { token: admin })).body as Shipment).status).toBe(
      'DELIVERED',
    );

    await eventually(async () =>
      (await orderStatus(token, orderId)).status === 'DELIVERED' ? true : undefined,
    );
    const history = await historyWith(token, orderId, [
      'OrderShipped',
      'ShipmentStatusChanged',
      'OrderDelivered',
    ]);
    expect(history.filter((type) => type === 'ShipmentStatusChanged')).toHaveLength(3);
    const delivered = await eventually(async () => {
      const page = (await api('/admin/orders?status=DELIVERED&limit=100', { token: admin })).body as Page;
      return page.items.find((order) => order.orderId === orderId);
    });
    expect(delivered.status).toBe('DELIVERED');

    const updates = await eventually(async () => {
      const { items } = (await api('/notifications?limit=100', { token })).body as {
        items: { type: string; subject: string }[];
      };
      const found = items.filter((item) => item.type === 'SHIPMENT_UPDATE');
      return found.length === 3 ? found : undefined;
    });
    expect(updates.map((item) => item.subject).join(' | ')).toContain('was delivered');
    expect((await reconciledShop()).violations).toEqual([]);
  });

  it('refunds and restocks a returned parcel’s order (CANCELLED, RETURNED), and reconcile stays clean', async () => {
    const admin = (await adminTokens()).AccessToken;
    const { sku, token, orderId } = await confirmedOrder(3);
    expect(await stockOf(sku)).toMatchObject({ available: 2 });
    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} })).status).toBe(
      202,
    );
    expect((await news(admin, orderId, { status: 'IN_TRANSIT' })).status).toBe(201);
    expect((await news(admin, orderId, { status: 'RETURNED', location: 'Returns centre' })).status).toBe(201);
    const cancelled = await eventually(async () => {
      const order = await orderStatus(token, orderId);
      return order.status === 'CANCELLED' ? order : undefined;
    }, scaled(30_000));
    expect(cancelled.cancellationReason).toBe('RETURNED');
    await historyWith(
      token,
      orderId,
      ['PaymentRefunded', 'InventoryReleased', 'OrderCancelled'],
      scaled(20_000),
    );
    expect(await stockOf(sku)).toMatchObject({ available: 3, reserved: 0 });
    expect(((await api(`/orders/${orderId}/shipment`, { token })).body as Shipment).status).toBe('RETURNED');
    expect((await reconciledShop()).violations).toEqual([]);
  });

  it('takes a new address until the order is claimed for shipping; the parcel goes where the order says', async () => {
    const admin = (await adminTokens()).AccessToken;
    const { token, orderId } = await confirmedOrder();
    const changed = await api(`/orders/${orderId}`, {
      method: 'PATCH',
      token,
      body: { shippingAddress: moved },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'CONFIRMED', shippingAddress: moved });
    expect(
      (await api(`/orders/${orderId}`, { method: 'PATCH', token, body: { shippingAddress: { city: 'x' } } }))
        .status,
    ).toBe(400);
    const stranger = (await newCustomer()).AccessToken;
    expect(
      (
        await api(`/orders/${orderId}`, {
          method: 'PATCH',
          token: stranger,
          body: { shippingAddress: address },
        })
      ).status,
    ).toBe(404);
    expect((await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} })).status).toBe(
      202,
    );
    expect(((await api(`/orders/${orderId}/shipment`, { token })).body as Shipment).shippingAddress).toEqual(
      moved,
    );
    const refused = await api(`/orders/${orderId}`, {
      method: 'PATCH',
      token,
      body: { shippingAddress: address },
    });
    expect(refused.status).toBe(409);
    expect(
      ((await api(`/orders/${orderId}`, { token })).body as { shippingAddress: unknown }).shippingAddress,
    ).toEqual(moved);
    await historyWith(token, orderId, ['OrderAddressChanged']);
    await eventually(async () => {
      const { items } = (await api('/notifications?limit=100', { token })).body as {
        items: { type: string }[];
      };
      return items.some((item) => item.type === 'ADDRESS_CHANGED') ? true : undefined;
    });
  });

  it('lets an address change race a shipment: one is decided first, the loser gets 409, and never both half-way', async () => {
    const admin = (await adminTokens()).AccessToken;
    const outcomes: string[] = [];
    for (let round = 0; round < 3; round++) {
      const { token, orderId } = await confirmedOrder();
      const [shipped, changed] = await Promise.all([
        api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} }),
        api(`/orders/${orderId}`, { method: 'PATCH', token, body: { shippingAddress: moved } }),
      ]);
      // The parcel always leaves; the address changes only if the change was decided before the claim.
      expect(shipped.status).toBe(202);
      expect([200, 409]).toContain(changed.status);
      const order = (await api(`/orders/${orderId}`, { token })).body as { shippingAddress: unknown };
      const shipment = (await api(`/orders/${orderId}/shipment`, { token })).body as Shipment;
      expect(shipment.shippingAddress).toEqual(order.shippingAddress);
      expect(order.shippingAddress).toEqual(changed.status === 200 ? moved : address);
      // Once the parcel is claimed, a change is refused.
      expect(
        (await api(`/orders/${orderId}`, { method: 'PATCH', token, body: { shippingAddress: address } }))
          .status,
      ).toBe(409);
      outcomes.push(changed.status === 200 ? 'address first' : 'shipment first');
    }
    expect(outcomes).toHaveLength(3);
  });
});
