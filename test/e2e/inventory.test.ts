import { describe, expect, it } from 'vitest';
import { DEMO_EAST_STOCK, DEMO_STOCK, DEMO_WAREHOUSE } from '../../local/seed.js';
import { adminTokens, api, eventually, newCustomer } from '../support/local-cloud-client.js';

describe('inventory on the local cloud', () => {
  it('shows the seeded stock to an admin, in all and per warehouse', async () => {
    const { AccessToken } = await adminTokens();
    const response = await api('/inventory/BOOK-DDIA', { token: AccessToken });
    const east = DEMO_EAST_STOCK['BOOK-DDIA'] ?? 0;
    expect(response).toMatchObject({
      status: 200,
      body: {
        sku: 'BOOK-DDIA',
        available: DEMO_STOCK + east,
        reserved: 0,
        warehouses: [
          { warehouseId: 'main', available: DEMO_STOCK, reserved: 0 },
          { warehouseId: DEMO_WAREHOUSE.id, available: east, reserved: 0 },
        ],
      },
    });
  });

  it('gives a new product a stock item once ProductCreated arrives, which an admin can stock', async () => {
    const { AccessToken } = await adminTokens();
    const sku = `INV-${Date.now()}`;
    const created = await api('/products', {
      method: 'POST',
      token: AccessToken,
      body: {
        sku,
        name: 'Stocked thing',
        description: '',
        category: 'home',
        price: { amount: 500, currency: 'USD' },
      },
    });
    expect(created.status).toBe(201);
    const stock = await eventually(async () => {
      const response = await api(`/inventory/${sku}`, { token: AccessToken });
      return response.status === 200 ? response.body : undefined;
    });
    expect(stock).toEqual({
      sku,
      available: 0,
      reserved: 0,
      warehouses: [{ warehouseId: 'main', available: 0, reserved: 0 }],
    });
    const updated = await api(`/inventory/${sku}`, {
      method: 'PUT',
      token: AccessToken,
      body: { available: 7 },
    });
    expect(updated).toMatchObject({ status: 200, body: { sku, available: 7, reserved: 0 } });
  });

  it('tells the catalog when a product goes out of stock and comes back', async () => {
    const { AccessToken } = await adminTokens();
    const inStock = async (sku: string) =>
      ((await api(`/products/${sku}`)).body as { inStock: boolean }).inStock;
    expect(await eventually(async () => ((await inStock('ELEC-CHARGER')) ? true : undefined))).toBe(true);
    await api('/inventory/ELEC-CHARGER', { method: 'PUT', token: AccessToken, body: { available: 0 } });
    expect(await eventually(async () => ((await inStock('ELEC-CHARGER')) ? undefined : false))).toBe(false);
    await api('/inventory/ELEC-CHARGER', {
      method: 'PUT',
      token: AccessToken,
      body: { available: DEMO_STOCK },
    });
    expect(await eventually(async () => ((await inStock('ELEC-CHARGER')) ? true : undefined))).toBe(true);
  });

  it('answers 404 for a sku it holds no stock for', async () => {
    const { AccessToken } = await adminTokens();
    expect((await api('/inventory/NO-SUCH-SKU', { token: AccessToken })).status).toBe(404);
  });

  it('answers 400 to a negative or fractional stock level, and changes nothing', async () => {
    const { AccessToken } = await adminTokens();
    for (const available of [-1, 2.5, '3']) {
      const response = await api('/inventory/HOME-PAN', {
        method: 'PUT',
        token: AccessToken,
        body: { available },
      });
      expect(response.status).toBe(400);
    }
    expect((await api('/inventory/HOME-PAN', { token: AccessToken })).body).toMatchObject({
      available: DEMO_STOCK,
    });
  });

  it('answers 403 to a customer', async () => {
    const customer = await newCustomer();
    expect((await api('/inventory/HOME-PAN', { token: customer.AccessToken })).status).toBe(403);
  });
});
