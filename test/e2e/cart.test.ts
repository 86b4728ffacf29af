import { describe, expect, it } from 'vitest';
import { adminTokens, api, newCustomer } from '../support/local-cloud-client.js';

describe('the cart on the local cloud', () => {
  it('adds, changes and removes lines, priced from the catalog', async () => {
    const { AccessToken: token } = await newCustomer();
    expect((await api('/cart', { token })).body).toEqual({
      items: [],
      total: { amount: 0, currency: 'USD' },
    });
    await api('/cart/items/BOOK-SICP', { method: 'PUT', token, body: { quantity: 2 } });
    const cart = await api('/cart/items/HOME-PAN', { method: 'PUT', token, body: { quantity: 1 } });
    expect(cart).toMatchObject({
      status: 200,
      body: {
        items: [
          {
            sku: 'BOOK-SICP',
            name: 'Structure and Interpretation of Computer Programs',
            quantity: 2,
            unitPrice: { amount: 5500, currency: 'USD' },
          },
          { sku: 'HOME-PAN', quantity: 1, unitPrice: { amount: 3499, currency: 'USD' } },
        ],
        total: { amount: 2 * 5500 + 3499, currency: 'USD' },
      },
    });
    const removed = await api('/cart/items/BOOK-SICP', { method: 'DELETE', token });
    expect(removed.body).toMatchObject({ items: [{ sku: 'HOME-PAN' }], total: { amount: 3499 } });
  });

  it('shows a new price and drops a deleted product', async () => {
    const admin = (await adminTokens()).AccessToken;
    const sku = `CART-${Date.now()}`;
    const product = {
      name: 'Cart Thing',
      description: '',
      category: 'home',
      price: { amount: 1000, currency: 'USD' },
    };
    await api('/products', { method: 'POST', token: admin, body: { sku, ...product } });
    const { AccessToken: token } = await newCustomer();
    await api(`/cart/items/${sku}`, { method: 'PUT', token, body: { quantity: 3 } });
    await api('/cart/items/OUT-TENT', { method: 'PUT', token, body: { quantity: 1 } });
    await api(`/products/${sku}`, {
      method: 'PUT',
      token: admin,
      body: { ...product, price: { amount: 800, currency: 'USD' } },
    });
    expect((await api('/cart', { token })).body).toMatchObject({ total: { amount: 3 * 800 + 18900 } });
    await api(`/products/${sku}`, { method: 'DELETE', token: admin });
    expect((await api('/cart', { token })).body).toMatchObject({
      items: [{ sku: 'OUT-TENT' }],
      total: { amount: 18900 },
    });
  });

  it('answers 404 for an unknown sku and 400 for a quantity outside 1..10, changing nothing', async () => {
    const { AccessToken: token } = await newCustomer();
    expect(
      (await api('/cart/items/NO-SUCH-SKU', { method: 'PUT', token, body: { quantity: 1 } })).status,
    ).toBe(404);
    for (const quantity of [0, 11, 1.5, '2']) {
      expect((await api('/cart/items/HOME-PAN', { method: 'PUT', token, body: { quantity } })).status).toBe(
        400,
      );
    }
    expect((await api('/cart', { token })).body).toMatchObject({ items: [] });
  });

  it("keeps one customer's cart from another", async () => {
    const ann = await newCustomer();
    const bob = await newCustomer();
    await api('/cart/items/HOME-KETTLE', { method: 'PUT', token: ann.AccessToken, body: { quantity: 1 } });
    expect((await api('/cart', { token: bob.AccessToken })).body).toMatchObject({ items: [] });
  });

  it('answers 401 without a token', async () => {
    expect((await api('/cart')).status).toBe(401);
  });
});
