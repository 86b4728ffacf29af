import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryCarts } from '../../../../functions/cart/adapters/in-memory-cart-store.js';
import { MAX_LINES } from '../../../../functions/cart/domain/cart.js';
import { CartFullError, UnknownProductError } from '../../../../functions/cart/domain/errors.js';
import {
  cartLines,
  getCart,
  removeCartItem,
  removeCheckedOutItems,
  setCartItem,
} from '../../../../functions/cart/use-cases/cart.js';
import type { CartDependencies } from '../../../../functions/cart/use-cases/ports.js';
import { type Money, money } from '../../../../functions/shared/money.js';

let catalog: Map<string, { name: string; price: Money }>;
let deps: CartDependencies;

beforeEach(() => {
  catalog = new Map([
    ['A1', { name: 'Apple', price: money(150) }],
    ['B2', { name: 'Bread', price: money(320) }],
  ]);
  deps = {
    carts: new InMemoryCarts().store,
    catalog: {
      getProducts: async (skus) =>
        skus.flatMap((sku) => {
          const product = catalog.get(sku);
          return product ? [{ sku, ...product }] : [];
        }),
    },
    clock: () => new Date('2026-11-22T10:00:00Z'),
  };
});

describe('the cart', () => {
  it('is empty at first, with a zero total', async () => {
    expect(await getCart(deps, 'u-1')).toEqual({ items: [], total: money(0) });
  });

  it('prices its lines at current catalog prices', async () => {
    await setCartItem(deps, 'u-1', 'A1', 2);
    const cart = await setCartItem(deps, 'u-1', 'B2', 1);
    expect(cart).toEqual({
      items: [
        { sku: 'A1', name: 'Apple', quantity: 2, unitPrice: money(150) },
        { sku: 'B2', name: 'Bread', quantity: 1, unitPrice: money(320) },
      ],
      total: money(620),
    });
  });

  it('reflects a price change and leaves out a product the catalog no longer has', async () => {
    await setCartItem(deps, 'u-1', 'A1', 2);
    await setCartItem(deps, 'u-1', 'B2', 1);
    catalog.set('A1', { name: 'Apple', price: money(100) });
    catalog.delete('B2');
    expect(await getCart(deps, 'u-1')).toEqual({
      items: [{ sku: 'A1', name: 'Apple', quantity: 2, unitPrice: money(100) }],
      total: money(200),
    });
  });

  it('sets, not adds, the quantity of a line', async () => {
    await setCartItem(deps, 'u-1', 'A1', 2);
    expect((await setCartItem(deps, 'u-1', 'A1', 5)).items).toEqual([
      expect.objectContaining({ sku: 'A1', quantity: 5 }),
    ]);
  });

  it('refuses an unknown sku', async () => {
    await expect(setCartItem(deps, 'u-1', 'NOPE', 1)).rejects.toThrow(UnknownProductError);
  });

  it('removes a line, and removing an absent line changes nothing', async () => {
    await setCartItem(deps, 'u-1', 'A1', 2);
    expect((await removeCartItem(deps, 'u-1', 'A1')).items).toEqual([]);
    expect((await removeCartItem(deps, 'u-1', 'A1')).items).toEqual([]);
  });

  it(`holds at most ${MAX_LINES} different products`, async () => {
    for (let n = 0; n < MAX_LINES; n++) catalog.set(`P${n}`, { name: `P${n}`, price: money(1) });
    catalog.set('ONE-MORE', { name: 'One more', price: money(1) });
    for (let n = 0; n < MAX_LINES; n++) await setCartItem(deps, 'u-1', `P${n}`, 1);
    await expect(setCartItem(deps, 'u-1', 'ONE-MORE', 1)).rejects.toThrow(CartFullError);
    expect((await setCartItem(deps, 'u-1', 'P0', 3)).items).toHaveLength(MAX_LINES);
  });

  it('keeps customers apart', async () => {
    await setCartItem(deps, 'u-1', 'A1', 2);
    expect((await getCart(deps, 'u-2')).items).toEqual([]);
  });
});

describe('checking out', () => {
  it('takes what an order placed from the cart ordered out of it, once, keeping what was added since', async () => {
    await setCartItem(deps, 'u-1', 'A1', 3);
    await setCartItem(deps, 'u-1', 'B2', 1);
    expect(await cartLines(deps, 'u-1')).toEqual([
      { sku: 'A1', quantity: 3 },
      { sku: 'B2', quantity: 1 },
    ]);
    const order = {
      userId: 'u-1',
      orderId: 'o-1',
      items: [
        { sku: 'A1', quantity: 2 },
        { sku: 'B2', quantity: 1 },
      ],
    };
    await removeCheckedOutItems(deps, order);
    await removeCheckedOutItems(deps, order);
    expect(await cartLines(deps, 'u-1')).toEqual([{ sku: 'A1', quantity: 1 }]);
  });
});
