import { describe, expect, it } from 'vitest';
import { adminTokens, api, eventually, newCustomer } from '../support/local-cloud-client.js';
import { placeOrder, productWithStock, reconciledShop, settledOrder, stockOf } from '../support/orders.js';
import { scaled } from '../support/time-scale.js';

interface Shipment {
  warehouses: { warehouseId: string; lines: { sku: string; quantity: number }[] }[];
}

/** A warehouse of this test's own. */
const newWarehouse = async (admin: string) => {
  const id = `wh-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const created = await api('/warehouses', {
    method: 'POST',
    token: admin,
    body: { id, name: `Warehouse ${id}`, country: 'DE' },
  });
  expect(created.status, created.text).toBe(201);
  return id;
};

const setIn = (admin: string, sku: string, warehouseId: string, available: number) =>
  api(`/inventory/${sku}/warehouses/${warehouseId}`, { method: 'PUT', token: admin, body: { available } });

/** Ships a confirmed order once its shipment is ready; the shipment as the admin's 202 shows it. */
const ship = (admin: string, orderId: string) =>
  eventually(async () => {
    const answer = await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} });
    return answer.status === 202 ? (answer.body as Shipment) : undefined;
  });

describe('warehouses on the local cloud', () => {
  it('lists main and the warehouses admins add, and refuses one added twice', async () => {
    const admin = (await adminTokens()).AccessToken;
    const id = await newWarehouse(admin);
    const listed = (await api('/warehouses', { token: admin })).body as { items: { id: string }[] };
    expect(listed.items[0]?.id).toBe('main');
    expect(listed.items.map((warehouse) => warehouse.id)).toContain(id);
    const again = await api('/warehouses', {
      method: 'POST',
      token: admin,
      body: { id, name: 'X', country: 'DE' },
    });
    expect(again.status).toBe(409);
    const { AccessToken: customer } = await newCustomer();
    expect((await api('/warehouses', { token: customer })).status).toBe(403);
  });

  it('confirms an order only two warehouses together can supply, and ships it from both', async () => {
    const admin = (await adminTokens()).AccessToken;
    const east = await newWarehouse(admin);
    const sku = await productWithStock(1);
    expect((await setIn(admin, sku, east, 2)).body).toMatchObject({
      available: 3,
      warehouses: [
        { warehouseId: 'main', available: 1, reserved: 0 },
        { warehouseId: east, available: 2, reserved: 0 },
      ],
    });
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 3 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    const shipment = await ship(admin, orderId);
    expect(shipment.warehouses).toEqual([
      { warehouseId: 'main', lines: [{ sku, quantity: 1 }] },
      { warehouseId: east, lines: [{ sku, quantity: 2 }] },
    ]);
    expect((await api(`/orders/${orderId}/shipment`, { token })).body).toMatchObject({
      warehouses: shipment.warehouses,
    });
    expect(await stockOf(sku)).toMatchObject({ available: 0, reserved: 0 });
  });

  it('takes an order that one warehouse can supply from that one alone, and gives a cancelled order its units back there', async () => {
    const admin = (await adminTokens()).AccessToken;
    const east = await newWarehouse(admin);
    const sku = await productWithStock(1);
    await setIn(admin, sku, east, 5);
    const { AccessToken: token } = await newCustomer();
    const { orderId } = await placeOrder(token, [{ sku, quantity: 2 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    expect(await stockOf(sku)).toMatchObject({
      available: 4,
      warehouses: [
        { warehouseId: 'main', available: 1 },
        { warehouseId: east, available: 3 },
      ],
    });
    expect((await api(`/orders/${orderId}/cancel`, { method: 'POST', token })).status).toBe(202);
    await eventually(async () => ((await stockOf(sku)).available === 6 ? true : undefined), scaled(30_000));
    expect(await stockOf(sku)).toMatchObject({
      warehouses: [
        { warehouseId: 'main', available: 1 },
        { warehouseId: east, available: 5 },
      ],
    });
    expect((await reconciledShop()).violations).toEqual([]);
  });

  it('answers 404 for stock in a warehouse nobody added', async () => {
    const admin = (await adminTokens()).AccessToken;
    const sku = await productWithStock(1);
    expect((await setIn(admin, sku, 'nowhere', 3)).status).toBe(404);
  });
});
