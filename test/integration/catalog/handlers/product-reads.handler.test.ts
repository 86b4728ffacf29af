import { beforeEach, describe, expect, it } from 'vitest';
import { getProductHandler } from '../../../../functions/catalog/handlers/get-product.handler.js';
import { listCategoriesHandler } from '../../../../functions/catalog/handlers/list-categories.handler.js';
import { listProductsHandler } from '../../../../functions/catalog/handlers/list-products.handler.js';
import { httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

let setup: ReturnType<typeof inMemoryCatalog>;

beforeEach(async () => {
  setup = inMemoryCatalog();
  for (const id of ['books', 'toys']) await setup.deps.categories.create(aCategory(id, id.toUpperCase()));
  for (const sku of ['B1', 'B2', 'B3']) await setup.deps.products.create(aProduct(sku), []);
  await setup.deps.products.create(aProduct('T1', { category: 'toys' }), []);
});

const skusIn = (body: Record<string, unknown> | undefined): string[] =>
  ((body?.items ?? []) as { sku: string }[]).map((product) => product.sku);

const listProducts = async (query?: Record<string, string>) =>
  parseResponse(
    await listProductsHandler(() => setup.deps)(
      httpEvent('GET /products', query ? { query } : {}),
      lambdaContext(),
    ),
  );

describe('GET /products', () => {
  it('lists 20 products by default, with a null cursor on the last page', async () => {
    const response = await listProducts();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(skusIn(response.body)).toHaveLength(4);
  });

  it('pages with limit and the opaque cursor', async () => {
    const first = await listProducts({ limit: '2' });
    const second = await listProducts({ limit: '2', cursor: String(first.body?.nextCursor) });
    const skus = [...skusIn(first.body), ...skusIn(second.body)];
    // Newest first; these were all made at the same moment, so the later sku comes first.
    expect(skus).toEqual(['T1', 'B3', 'B2', 'B1']);
    expect(second.body?.nextCursor).toBeNull();
  });

  it('searches by the words of the name, description and category, with the filters', async () => {
    await setup.deps.products.create(
      aProduct('LAMP', { name: 'Desk Lamp', description: 'Warm light', category: 'toys' }),
      [],
    );
    expect(skusIn((await listProducts({ q: 'lamp' })).body)).toEqual(['LAMP']);
    expect(skusIn((await listProducts({ q: 'war' })).body)).toEqual(['LAMP']);
    expect(skusIn((await listProducts({ q: 'toys lamp', category: 'books' })).body)).toEqual([]);
    expect(skusIn((await listProducts({ q: 'TOYS', sort: 'name', limit: '1' })).body)).toEqual(['LAMP']);
  });

  it('filters by category', async () => {
    const response = await listProducts({ category: 'toys' });
    expect(skusIn(response.body)).toEqual(['T1']);
  });

  it.each([
    [{ limit: '0' }, '#/query/limit'],
    [{ limit: '101' }, '#/query/limit'],
    [{ limit: 'ten' }, '#/query/limit'],
    [{ limit: '2.5' }, '#/query/limit'],
    [{ category: 'Not A Category' }, '#/query/category'],
    [{ sort: 'cheapest' }, '#/query/sort'],
    [{ sort: 'relevance' }, '#/query/sort'],
    [{ minPrice: '500', maxPrice: '100' }, '#/query/maxPrice'],
    [{ minPrice: '-1' }, '#/query/minPrice'],
    [{ maxPrice: '9.99' }, '#/query/maxPrice'],
    [{ inStock: 'yes' }, '#/query/inStock'],
    [{ q: 'x'.repeat(101) }, '#/query/q'],
    [{ q: '   ' }, '#/query/q'],
  ])('answers 400 to the query %j', async (query, pointer) => {
    const response = await listProducts(query);
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([expect.objectContaining({ pointer })]);
  });

  it('answers 400 to a tampered cursor', async () => {
    const first = await listProducts({ limit: '1' });
    const cursor = String(first.body?.nextCursor);
    const response = await listProducts({ limit: '1', cursor: `${cursor.slice(0, -2)}xx` });
    expect(response).toMatchObject({
      status: 400,
      body: { type: 'https://serverless-shop.dev/problems/invalid-cursor' },
    });
  });
});

describe('GET /products/{sku}', () => {
  const getProduct = async (sku: string) =>
    parseResponse(
      await getProductHandler(() => setup.deps)(
        httpEvent('GET /products/{sku}', { path: `/products/${sku}`, pathParameters: { sku } }),
        lambdaContext(),
      ),
    );

  it('answers with the product as the contract shows it', async () => {
    const response = await getProduct('B1');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      sku: 'B1',
      name: 'Product B1',
      description: 'A fine thing',
      category: 'books',
      price: { amount: 1999, currency: 'USD' },
      inStock: false,
    });
  });

  it('answers 404 problem+json for an unknown sku', async () => {
    const response = await getProduct('NOPE-1');
    expect(response).toMatchObject({
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'https://serverless-shop.dev/problems/product-not-found',
        title: 'Not Found',
        status: 404,
      },
    });
  });

  it('answers 400 for a sku that cannot exist', async () => {
    expect((await getProduct('bad sku')).status).toBe(400);
  });
});

describe('GET /categories', () => {
  it('lists every category', async () => {
    const response = parseResponse(
      await listCategoriesHandler(() => setup.deps)(httpEvent('GET /categories'), lambdaContext()),
    );
    expect(response).toMatchObject({
      status: 200,
      body: {
        items: [
          { id: 'books', name: 'BOOKS' },
          { id: 'toys', name: 'TOYS' },
        ],
      },
    });
  });
});
