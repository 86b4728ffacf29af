import { type Money, money } from '../../shared/money.js';

/** The most lines one cart holds: an order's line limit. */
export const MAX_LINES = 50;

export interface Cart {
  readonly userId: string;
  /** Quantity per sku. */
  readonly lines: Readonly<Record<string, number>>;
  readonly version: number;
  readonly updatedAt: string;
}

export const emptyCart = (userId: string): Cart => ({
  userId,
  lines: {},
  version: 0,
  updatedAt: new Date(0).toISOString(),
});

export const withQuantity = (cart: Cart, sku: string, quantity: number, now: Date): Cart => ({
  ...cart,
  lines: { ...cart.lines, [sku]: quantity },
  version: cart.version + 1,
  updatedAt: now.toISOString(),
});

export const without = (cart: Cart, sku: string, now: Date): Cart => {
  const { [sku]: _removed, ...lines } = cart.lines;
  return { ...cart, lines, version: cart.version + 1, updatedAt: now.toISOString() };
};

export interface PricedLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

/**
 * The cart at today's prices: lines whose product the catalog no longer has
 * are left out, and the total is the sum of what remains.
 */
export const priceCart = (cart: Cart, products: ReadonlyMap<string, { name: string; price: Money }>) => {
  const items: PricedLine[] = Object.entries(cart.lines)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([sku, quantity]) => {
      const product = products.get(sku);
      return product ? [{ sku, name: product.name, quantity, unitPrice: product.price }] : [];
    });
  const total = money(items.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0));
  return { items, total };
};
