import { beforeEach, describe, expect, it } from 'vitest';
import { createCategoryHandler } from '../../../../functions/catalog/handlers/create-category.handler.js';
import { deleteProductHandler } from '../../../../functions/catalog/handlers/delete-product.handler.js';
import { updateProductHandler } from '../../../../functions/catalog/handlers/update-product.handler.js';
import {
  adminClaims,
  customerClaims,
  httpEvent,
  lambdaContext,
  parseResponse,
} from '../../../support/api-gateway.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

let setup: ReturnType<typeof inMemoryCatalog>;

beforeEach(async () => {
  setup = inMemoryCatalog();
  await setup.deps.categories.create(aCategory('books'));
  await setup.deps.products.create(aProduct('B1'), []);
});

const details = {
  name: 'Product B1',
  description: 'A fine thing',
  category: 'books',
  price: { amount: 1999, currency: 'USD' },
};

const put = async (sku: string, body: unknown, claims: Record<string, string> = adminClaims()) =>
  parseResponse(
    await updateProductHandler(() => setup.deps)(
      httpEvent('PUT /products/{sku}', { path: `/products/${sku}`, pathParameters: { sku }, body, claims }),
      lambdaContext(),
    ),
  );

describe('PUT /products/{sku}', () => {
  it('replaces the details and emits ProductPriceChanged when the price changes', async () => {
    const response = await put('B1', { ...details, price: { amount: 1500, currency: 'USD' } });
    expect(response).toMatchObject({ status: 200, body: { sku: 'B1', price: { amount: 1500 } } });
    expect(setup.catalog.outbox.map((event) => event.detailType)).toEqual([
      'ProductUpdated',
      'ProductPriceChanged',
    ]);
  });

  it('refuses to change the sku through the body', async () => {
    const response = await put('B1', { ...details, sku: 'B2' });
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([{ pointer: '#/sku', detail: 'is not an allowed property' }]);
  });

  it('answers 404 for an unknown sku', async () => {
    expect((await put('NOPE', details)).status).toBe(404);
  });

  it('answers 403 to a customer', async () => {
    expect((await put('B1', details, customerClaims())).status).toBe(403);
  });
});

describe('DELETE /products/{sku}', () => {
  const remove = async (sku: string) =>
    parseResponse(
      await deleteProductHandler(() => setup.deps)(
        httpEvent('DELETE /products/{sku}', {
          path: `/products/${sku}`,
          pathParameters: { sku },
          claims: adminClaims(),
        }),
        lambdaContext(),
      ),
    );

  it('answers 204 with no body and emits ProductDeleted', async () => {
    const response = await remove('B1');
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(setup.catalog.products.has('B1')).toBe(false);
    expect(setup.catalog.outbox.map((event) => event.detailType)).toEqual(['ProductDeleted']);
  });

  it('answers 404 the second time', async () => {
    await remove('B1');
    expect((await remove('B1')).status).toBe(404);
  });
});

describe('POST /categories', () => {
  const post = async (body: unknown, claims: Record<string, string> = adminClaims()) =>
    parseResponse(
      await createCategoryHandler(() => setup.deps)(
        httpEvent('POST /categories', { body, claims }),
        lambdaContext(),
      ),
    );

  it('creates a category: 201 with Location', async () => {
    const response = await post({ id: 'garden', name: 'Garden' });
    expect(response).toMatchObject({
      status: 201,
      headers: { location: '/categories/garden' },
      body: { id: 'garden', name: 'Garden' },
    });
  });

  it('answers 409 when the id exists', async () => {
    expect((await post({ id: 'books', name: 'Books again' })).status).toBe(409);
  });

  it('answers 403 to a customer', async () => {
    expect((await post({ id: 'garden', name: 'Garden' }, customerClaims())).status).toBe(403);
  });
});
