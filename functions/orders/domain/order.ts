import { type Money, money } from '../../shared/money.js';

/** API.md: PENDING → CONFIRMED → SHIPPED; or CANCELLED; NEEDS_ATTENTION when a compensation could not finish. */
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'SHIPPED' | 'CANCELLED' | 'NEEDS_ATTENTION';

export type CancellationReason =
  | 'OUT_OF_STOCK'
  | 'PAYMENT_DECLINED'
  | 'PAYMENT_FAILED'
  | 'CUSTOMER_CANCELLED'
  | 'UNKNOWN_PRODUCT';

/** The most of one sku an order may hold, after repeated lines are merged. */
export const MAX_QUANTITY_PER_SKU = 10;

export interface OrderLine {
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

/**
 * Which status may follow which. Every change is a conditional write from
 * the expected prior status, so a late or repeated step cannot move an order
 * backwards or twice. NEEDS_ATTENTION is left by an operator's decision.
 */
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['CONFIRMED', 'CANCELLED', 'NEEDS_ATTENTION'],
  CONFIRMED: ['SHIPPED', 'CANCELLED', 'NEEDS_ATTENTION'],
  SHIPPED: [],
  CANCELLED: [],
  NEEDS_ATTENTION: ['CONFIRMED', 'CANCELLED'],
};

export const canMove = (from: OrderStatus, to: OrderStatus): boolean => NEXT[from].includes(to);

/** Whether the saga is done with the order: every accepted order must end in one of these. */
export const isSettled = (status: OrderStatus): boolean => status !== 'PENDING';

/** A customer may cancel a confirmed order that has not shipped. */
export const customerMayCancel = (status: OrderStatus): boolean => status === 'CONFIRMED';

/** Repeated skus become one line, quantities added, in the order they first appear. */
export const mergeRequestedItems = (items: readonly { sku: string; quantity: number }[]) => {
  const merged = new Map<string, number>();
  for (const { sku, quantity } of items) merged.set(sku, (merged.get(sku) ?? 0) + quantity);
  return [...merged].map(([sku, quantity]) => ({ sku, quantity }));
};

export type PricedOrder =
  | { readonly ok: true; readonly lines: readonly OrderLine[]; readonly total: Money }
  | {
      readonly ok: false;
      readonly unknownSkus: readonly string[];
      readonly overLimitSkus: readonly string[];
    };

/**
 * The order's lines at the catalog's current prices (never the client's),
 * or why it cannot be placed: skus the catalog does not know, or more of one
 * sku than an order may hold.
 */
export const priceOrder = (
  requested: readonly { sku: string; quantity: number }[],
  products: ReadonlyMap<string, { readonly name: string; readonly price: Money }>,
): PricedOrder => {
  const items = mergeRequestedItems(requested);
  const unknownSkus = items.filter((item) => !products.has(item.sku)).map((item) => item.sku);
  const overLimitSkus = items.filter((item) => item.quantity > MAX_QUANTITY_PER_SKU).map((item) => item.sku);
  if (unknownSkus.length > 0 || overLimitSkus.length > 0) return { ok: false, unknownSkus, overLimitSkus };
  const lines = items.map(({ sku, quantity }) => {
    const product = products.get(sku);
    return { sku, quantity, name: product?.name ?? sku, unitPrice: product?.price ?? money(0) };
  });
  return {
    ok: true,
    lines,
    total: money(lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0)),
  };
};
