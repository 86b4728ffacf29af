import { type Money, money } from '../../shared/money.js';

/** The most lines one cart holds: an order's line limit. */
export const MAX_LINES = 50;

export interface Cart {
  readonly userId: string;
  /** Quantity per sku. */
  readonly lines: Readonly<Record<string, number>>;
  readonly version: number;
  readonly updatedAt: string;
  /** The latest orders checked out of this cart, so a repeated OrderPlaced removes nothing twice. */
  readonly checkedOut?: readonly string[];
}

/** How many checked-out order ids a cart remembers: far more than can be in flight at once. */
export const CHECKED_OUT_MEMORY = 20;

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

/**
 * The cart after an order placed from it: the ordered quantities come out
 * (lines added or raised since stay), and the order is remembered. Undefined
 * when that order was already taken out.
 */
export const withoutOrdered = (
  cart: Cart,
  orderId: string,
  ordered: readonly { sku: string; quantity: number }[],
  now: Date,
): Cart | undefined => {
  if (cart.checkedOut?.includes(orderId)) return undefined;
  const lines: Record<string, number> = { ...cart.lines };
  for (const { sku, quantity } of ordered) {
    const left = (lines[sku] ?? 0) - quantity;
    if (left > 0) lines[sku] = left;
    else delete lines[sku];
  }
  return {
    ...cart,
    lines,
    checkedOut: [...(cart.checkedOut ?? []), orderId].slice(-CHECKED_OUT_MEMORY),
    version: cart.version + 1,
    updatedAt: now.toISOString(),
  };
};
