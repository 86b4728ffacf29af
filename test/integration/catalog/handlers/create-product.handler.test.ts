import { beforeEach, describe, expect, it } from 'vitest';
import { createProductHandler } from '../../../../functions/catalog/handlers/create-product.handler.js';
import {
  adminClaims,
  customerClaims,
  httpEvent,
  lambdaContext,
  parseResponse,
} from '../../../support/api-gateway.js';
import { aCategory, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

const lamp = {
  sku: 'LAMP-1',
  name: 'Lamp',
  description: 'Bright',
  category: 'home',
  price: { amount: 2500, currency: 'USD' },
};

let setup: ReturnType<typeof inMemoryCatalog>;
const call = async (options: Parameters<typeof httpEvent>[1]) =>
  parseResponse(
    await createProductHandler(() => setup.deps)(httpEvent('POST /products', options), lambdaContext()),
  );

beforeEach(async () => {
  setup = inMemoryCatalog();
  await setup.deps.categories.create(aCategory('home'));
});

describe('POST /products', () => {
  it('creates the product: 201, Location, the product, and its event', async () => {
    const response = await call({ body: lamp, claims: adminClaims() });
    expect(response.status).toBe(201);
    expect(response.headers).toMatchObject({
      location: '/products/LAMP-1',
      'content-type': 'application/json',
    });
    expect(response.body).toEqual({ ...lamp, inStock: false });
    expect(setup.catalog.outbox.map((event) => event.detailType)).toEqual(['ProductCreated']);
  });

  it('answers 403 to a customer who is not an admin, and creates nothing', async () => {
    const response = await call({ body: lamp, claims: customerClaims() });
    expect(response.status).toBe(403);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(setup.catalog.products.size).toBe(0);
  });

  it('answers 401 when no verified token reached the function', async () => {
    expect((await call({ body: lamp })).status).toBe(401);
  });

  it('answers 409 when the sku exists', async () => {
    await call({ body: lamp, claims: adminClaims() });
    const response = await call({ body: { ...lamp, name: 'Other' }, claims: adminClaims() });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      type: 'https://serverless-shop.dev/problems/sku-taken',
      status: 409,
    });
    expect(setup.catalog.products.get('LAMP-1')?.name).toBe('Lamp');
  });

  it('answers 400 pointing at the category when it does not exist', async () => {
    const response = await call({ body: { ...lamp, category: 'garden' }, claims: adminClaims() });
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([{ pointer: '#/category', detail: 'is not a known category' }]);
  });

  it.each([
    ['a float price', { ...lamp, price: { amount: 25.5, currency: 'USD' } }, '#/price/amount'],
    ['a negative price', { ...lamp, price: { amount: -1, currency: 'USD' } }, '#/price/amount'],
    ['another currency', { ...lamp, price: { amount: 1, currency: 'EUR' } }, '#/price/currency'],
    ['a lower-case sku', { ...lamp, sku: 'lamp-1' }, '#/sku'],
    ['a sku of 33 characters', { ...lamp, sku: `A${'B'.repeat(32)}` }, '#/sku'],
    ['an empty name', { ...lamp, name: '  ' }, '#/name'],
    ['a missing description', { ...lamp, description: undefined }, '#/description'],
    ['an unknown property', { ...lamp, inStock: true }, '#/inStock'],
  ])('answers 400 to %s and creates nothing', async (_, body, pointer) => {
    const response = await call({ body, claims: adminClaims() });
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
    expect(setup.catalog.products.size).toBe(0);
    expect(setup.catalog.outbox).toEqual([]);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await call({
      rawBody: 'sku=LAMP-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      claims: adminClaims(),
    });
    expect(response.status).toBe(415);
  });

  it('answers 400 to malformed JSON', async () => {
    const response = await call({
      rawBody: '{"sku": "LAMP-1",',
      headers: { 'content-type': 'application/json' },
      claims: adminClaims(),
    });
    expect(response).toMatchObject({
      status: 400,
      body: { type: 'https://serverless-shop.dev/problems/malformed-json' },
    });
  });

  it('answers 413 to a body over 64 KiB', async () => {
    const response = await call({
      body: { ...lamp, description: 'x'.repeat(70_000) },
      claims: adminClaims(),
    });
    expect(response.status).toBe(413);
  });

  it('reads a base64-encoded body as API Gateway sends it', async () => {
    const response = await call({ body: lamp, base64: true, claims: adminClaims() });
    expect(response.status).toBe(201);
  });
});
