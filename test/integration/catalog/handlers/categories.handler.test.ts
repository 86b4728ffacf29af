import { beforeEach, describe, expect, it } from 'vitest';
import { deleteCategoryHandler } from '../../../../functions/catalog/handlers/delete-category.handler.js';
import { getCategoryHandler } from '../../../../functions/catalog/handlers/get-category.handler.js';
import { renameCategoryHandler } from '../../../../functions/catalog/handlers/rename-category.handler.js';
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
  await setup.deps.categories.create(aCategory('books', 'Books'));
  await setup.deps.categories.create(aCategory('garden', 'Garden'));
  await setup.deps.products.create(aProduct('B1'), []);
  await setup.deps.products.create(aProduct('B2'), []);
});

const path = (id: string) => ({ path: `/categories/${id}`, pathParameters: { id } });

const get = async (id: string) =>
  parseResponse(
    await getCategoryHandler(() => setup.deps)(httpEvent('GET /categories/{id}', path(id)), lambdaContext()),
  );
const rename = async (id: string, body: unknown, claims: Record<string, string> = adminClaims()) =>
  parseResponse(
    await renameCategoryHandler(() => setup.deps)(
      httpEvent('PUT /categories/{id}', { ...path(id), body, claims }),
      lambdaContext(),
    ),
  );
const remove = async (id: string, claims: Record<string, string> = adminClaims()) =>
  parseResponse(
    await deleteCategoryHandler(() => setup.deps)(
      httpEvent('DELETE /categories/{id}', { ...path(id), claims }),
      lambdaContext(),
    ),
  );

describe('GET /categories/{id}', () => {
  it('answers the category with the number of products in it', async () => {
    expect(await get('books')).toMatchObject({
      status: 200,
      body: { id: 'books', name: 'Books', productCount: 2 },
    });
    expect((await get('garden')).body).toMatchObject({ productCount: 0 });
  });

  it('answers 404 for an unknown category and 400 for an id that cannot be one', async () => {
    expect(await get('nope')).toMatchObject({
      status: 404,
      body: { type: expect.stringContaining('category-not-found') },
    });
    expect((await get('Not An Id')).status).toBe(400);
  });
});

describe('PUT /categories/{id}', () => {
  it('renames it and emits CategoryRenamed, once', async () => {
    expect(await rename('books', { name: 'Novels' })).toMatchObject({
      status: 200,
      body: { id: 'books', name: 'Novels' },
    });
    expect((await rename('books', { name: 'Novels' })).status).toBe(200);
    expect(setup.catalog.outbox.map((event) => event.detailType)).toEqual(['CategoryRenamed']);
    expect((await get('books')).body).toMatchObject({ name: 'Novels' });
  });

  it('answers 404 for an unknown category, 400 for a bad name, 403 for a customer', async () => {
    expect((await rename('nope', { name: 'X' })).status).toBe(404);
    expect((await rename('books', { name: '' })).status).toBe(400);
    expect((await rename('books', { name: 'Novels', id: 'x' })).status).toBe(400);
    expect((await rename('books', { name: 'Novels' }, customerClaims())).status).toBe(403);
    expect((await get('books')).body).toMatchObject({ name: 'Books' });
  });
});

describe('DELETE /categories/{id}', () => {
  it('deletes a category no product is in', async () => {
    expect((await remove('garden')).status).toBe(204);
    expect((await get('garden')).status).toBe(404);
    expect((await remove('garden')).status).toBe(404);
  });

  it('answers 409 while a product is in it, and keeps it', async () => {
    expect(await remove('books')).toMatchObject({
      status: 409,
      body: { type: expect.stringContaining('category-in-use') },
    });
    expect((await get('books')).status).toBe(200);
  });

  it('answers 403 to a customer', async () => {
    expect((await remove('garden', customerClaims())).status).toBe(403);
  });
});
