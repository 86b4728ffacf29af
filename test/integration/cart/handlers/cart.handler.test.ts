import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryCarts } from '../../../../functions/cart/adapters/in-memory-cart-store.js';
import { getCartHandler } from '../../../../functions/cart/handlers/get-cart.handler.js';
import { removeCartItemHandler } from '../../../../functions/cart/handlers/remove-cart-item.handler.js';
import { setCartItemHandler } from '../../../../functions/cart/handlers/set-cart-item.handler.js';
import type { CartDependencies } from '../../../../functions/cart/use-cases/ports.js';
import { money } from '../../../../functions/shared/money.js';
import { customerClaims, httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';

let deps: () => CartDependencies;

beforeEach(() => {
  const built: CartDependencies = {
    carts: new InMemoryCarts().store,
    catalog: {
      getProducts: async (skus) =>
        skus.filter((sku) => sku === 'A1').map((sku) => ({ sku, name: 'Apple', price: money(150) })),
    },
    clock: () => new Date('2026-11-22T10:00:00Z'),
  };
  deps = () => built;
});

const put = async (sku: string, body: unknown, user = 'u-1') =>
  parseResponse(
    await setCartItemHandler(deps)(
      httpEvent('PUT /cart/items/{sku}', {
        path: `/cart/items/${sku}`,
        pathParameters: { sku },
        body,
        claims: customerClaims(user),
      }),
      lambdaContext(),
    ),
  );

describe('the cart routes through their middleware', () => {
  it('puts an item and reads the cart back', async () => {
    expect((await put('A1', { quantity: 3 })).body).toEqual({
      items: [{ sku: 'A1', name: 'Apple', quantity: 3, unitPrice: money(150) }],
      total: money(450),
    });
    const cart = parseResponse(
      await getCartHandler(deps)(httpEvent('GET /cart', { claims: customerClaims('u-1') }), lambdaContext()),
    );
    expect(cart.body).toMatchObject({ total: money(450) });
  });

  it.each([
    [{ quantity: 0 }, '#/quantity'],
    [{ quantity: 11 }, '#/quantity'],
    [{ quantity: 2, price: 1 }, '#/price'],
    [{}, '#/quantity'],
  ])('answers 400 to %j', async (body, pointer) => {
    const response = await put('A1', body);
    expect(response.status).toBe(400);
    expect(
      (response.body as { errors: { pointer: string }[] }).errors.map((error) => error.pointer),
    ).toContain(pointer);
  });

  it('answers 404 to an unknown sku and 400 to an impossible one', async () => {
    expect((await put('ZZ9', { quantity: 1 })).status).toBe(404);
    expect((await put('not a sku', { quantity: 1 })).status).toBe(400);
  });

  it('removes an item (200 with the cart)', async () => {
    await put('A1', { quantity: 1 });
    const response = parseResponse(
      await removeCartItemHandler(deps)(
        httpEvent('DELETE /cart/items/{sku}', {
          path: '/cart/items/A1',
          pathParameters: { sku: 'A1' },
          claims: customerClaims('u-1'),
        }),
        lambdaContext(),
      ),
    );
    expect(response).toMatchObject({ status: 200, body: { items: [], total: money(0) } });
  });
});
