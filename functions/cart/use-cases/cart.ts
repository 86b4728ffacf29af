import { retrying } from '../../shared/retry.js';
import type { CartView } from '../contracts/schemas.js';
import {
  type Cart,
  emptyCart,
  MAX_LINES,
  priceCart,
  without,
  withoutOrdered,
  withQuantity,
} from '../domain/cart.js';
import { CartChangedConcurrentlyError, CartFullError, UnknownProductError } from '../domain/errors.js';
import type { CartDependencies } from './ports.js';

const view = async ({ catalog }: Pick<CartDependencies, 'catalog'>, cart: Cart): Promise<CartView> => {
  const skus = Object.keys(cart.lines);
  const products = skus.length === 0 ? [] : await catalog.getProducts(skus);
  return priceCart(cart, new Map(products.map((product) => [product.sku, product])));
};

/** Applies a change from the stored version, trying again when another request wrote in between. */
const change = async (
  deps: Pick<CartDependencies, 'carts'>,
  userId: string,
  apply: (cart: Cart) => Cart | undefined,
): Promise<Cart> =>
  retrying(
    async () => {
      const current = (await deps.carts.get(userId)) ?? emptyCart(userId);
      const next = apply(current);
      if (!next) return current;
      await deps.carts.save(next, current.version);
      return next;
    },
    { attempts: 5, retryable: (error) => error instanceof CartChangedConcurrentlyError },
  );

export const getCart = async (deps: CartDependencies, userId: string): Promise<CartView> =>
  view(deps, (await deps.carts.get(userId)) ?? emptyCart(userId));

export const setCartItem = async (
  deps: CartDependencies,
  userId: string,
  sku: string,
  quantity: number,
): Promise<CartView> => {
  const [product] = await deps.catalog.getProducts([sku]);
  if (!product) throw new UnknownProductError(sku);
  const cart = await change(deps, userId, (current) => {
    if (!(sku in current.lines) && Object.keys(current.lines).length >= MAX_LINES) throw new CartFullError();
    return current.lines[sku] === quantity ? undefined : withQuantity(current, sku, quantity, deps.clock());
  });
  return view(deps, cart);
};

export const removeCartItem = async (
  deps: CartDependencies,
  userId: string,
  sku: string,
): Promise<CartView> => {
  const cart = await change(deps, userId, (current) =>
    sku in current.lines ? without(current, sku, deps.clock()) : undefined,
  );
  return view(deps, cart);
};

/** The cart's lines as they are, for checkout (the order prices them itself). */
export const cartLines = async (
  { carts }: Pick<CartDependencies, 'carts'>,
  userId: string,
): Promise<{ sku: string; quantity: number }[]> => {
  const cart = await carts.get(userId);
  return Object.entries(cart?.lines ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([sku, quantity]) => ({ sku, quantity }));
};

/** An order was placed from the cart: what it ordered leaves the cart, once. */
export const removeCheckedOutItems = async (
  deps: Pick<CartDependencies, 'carts' | 'clock'>,
  order: { userId: string; orderId: string; items: readonly { sku: string; quantity: number }[] },
): Promise<void> => {
  await change(deps, order.userId, (current) =>
    withoutOrdered(current, order.orderId, order.items, deps.clock()),
  );
};

/** The account was deleted: its cart goes (again harmlessly, for a repeated event). */
export const forgetCart = ({ carts }: Pick<CartDependencies, 'carts'>, userId: string) =>
  carts.delete(userId);
