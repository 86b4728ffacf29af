import { describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../local/seed.js';
import { adminTokens, api, eventually, inspect, newCustomer } from '../support/local-cloud-client.js';

interface Product {
  sku: string;
  price: { amount: number; currency: string };
}

describe('the catalog on the local cloud', () => {
  it('answers GET /health with 200 and a correlation id', async () => {
    const response = await api('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      time: expect.any(String),
      payments: 'simulated',
    });
    expect(response.headers.get('x-correlation-id')).toBeTruthy();
  });

  it('serves the seeded demo catalog: at least 3 categories and 10 products', async () => {
    const categories = await api('/categories');
    expect((categories.body as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(3);
    const skus: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Product[]; nextCursor: string | null } = (
        await api(`/products?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      ).body as never;
      skus.push(...page.items.map((product) => product.sku));
      cursor = page.nextCursor;
    } while (cursor);
    expect(skus).toEqual(expect.arrayContaining(DEMO_PRODUCTS.map((product) => product.sku)));
  });

  it('answers 404 problem+json for an unknown product', async () => {
    const response = await api('/products/NO-SUCH-SKU');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('lets an admin create a product, and publishes ProductCreated through the outbox', async () => {
    const { AccessToken } = await adminTokens();
    const sku = `E2E-${Date.now()}`;
    const created = await api('/products', {
      method: 'POST',
      token: AccessToken,
      body: {
        sku,
        name: 'E2E Lamp',
        description: 'Made by a test',
        category: 'home',
        price: { amount: 1234, currency: 'USD' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/products/${sku}`);
    expect((await api(`/products/${sku}`)).body).toMatchObject({ sku, name: 'E2E Lamp', inStock: false });
    const event = await eventually(async () =>
      (await inspect<{ 'detail-type': string; detail: { data: { sku: string } } }[]>('events')).find(
        (candidate) => candidate['detail-type'] === 'ProductCreated' && candidate.detail.data.sku === sku,
      ),
    );
    expect(event.detail.data).toMatchObject({ sku, price: { amount: 1234, currency: 'USD' } });
  });

  it('publishes ProductPriceChanged when an admin changes a price', async () => {
    const { AccessToken } = await adminTokens();
    const updated = await api('/products/OUT-BOTTLE', {
      method: 'PUT',
      token: AccessToken,
      body: {
        name: 'Insulated Bottle',
        description: 'Cold for 24 hours, hot for 12.',
        category: 'outdoors',
        price: { amount: 2599, currency: 'USD' },
      },
    });
    expect(updated.status).toBe(200);
    const event = await eventually(async () =>
      (
        await inspect<{ 'detail-type': string; detail: { data: { sku: string; previousPrice: unknown } } }[]>(
          'events',
        )
      ).find(
        (candidate) =>
          candidate['detail-type'] === 'ProductPriceChanged' && candidate.detail.data.sku === 'OUT-BOTTLE',
      ),
    );
    expect(event.detail.data.previousPrice).toEqual({ amount: 2899, currency: 'USD' });
  });

  it('answers 403 problem+json to a signed-in customer on an admin route, and creates nothing', async () => {
    const customer = await newCustomer();
    const response = await api('/categories', {
      method: 'POST',
      token: customer.AccessToken,
      body: { id: 'sneaky', name: 'Sneaky' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const categories = (await api('/categories')).body as { items: { id: string }[] };
    expect(categories.items.map((category) => category.id)).not.toContain('sneaky');
  });

  it('answers 400 problem+json with pointers to a bad body', async () => {
    const { AccessToken } = await adminTokens();
    const response = await api('/products', {
      method: 'POST',
      token: AccessToken,
      body: {
        sku: 'bad sku',
        name: '',
        description: 'x',
        category: 'home',
        price: { amount: 1.5, currency: 'USD' },
        status: 'x',
      },
    });
    expect(response.status).toBe(400);
    const pointers = (response.body as { errors: { pointer: string }[] }).errors.map(
      (error) => error.pointer,
    );
    expect(pointers).toEqual(expect.arrayContaining(['#/sku', '#/name', '#/price/amount', '#/status']));
  });

  it('answers 404 {"message":"Not Found"} for a route that does not exist', async () => {
    const response = await api('/no/such/route');
    expect(response).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });
});
