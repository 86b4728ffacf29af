import { createHash } from 'node:crypto';
import { AccountDeletedError, type FieldError } from '../../shared/errors.js';
import { CURRENCY, MAX_AMOUNT } from '../../shared/money.js';
import { OrderPlaced } from '../contracts/events.js';
import {
  EmptyCartError,
  IdempotencyKeyReusedError,
  MAX_OPEN_ORDERS,
  TooManyOpenOrdersError,
  UnorderableItemsError,
} from '../domain/errors.js';
import {
  dueAfter,
  MAX_QUANTITY_PER_SKU,
  type Order,
  priceOrder,
  type ShippingAddress,
} from '../domain/order.js';
import { historyEntryOf } from './history.js';
import type { OrdersDependencies } from './ports.js';

export interface Accepted {
  readonly orderId: string;
  readonly status: 'PENDING';
}

/** Minor units as the shop's currency reads, e.g. 1000000000 → "USD 10,000,000.00". */
const formatAmount = (amount: number) =>
  `${CURRENCY} ${(amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * The id of the order a customer's Idempotency-Key asks for: a digest of the
 * two, shaped as a UUID (RFC 9562 version 8). The order's own item is then
 * the key's record: placing it only if it does not exist is the idempotency
 * check, with no record of the key to write, expire or keep in step.
 */
export const orderIdFor = (userId: string, idempotencyKey: string): string => {
  const hex = createHash('sha256')
    .update(JSON.stringify([userId, idempotencyKey]))
    .digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
};

/** JSON with sorted keys, so the same request always has the same fingerprint. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

interface Submission {
  readonly userId: string;
  readonly idempotencyKey: string;
  /** The request as the client sent it (route and validated body): what the key is bound to. */
  readonly request: { readonly route: string; readonly body: unknown };
  readonly shippingAddress: ShippingAddress;
  readonly paymentToken: string;
}

/** The answer an earlier use of the key gets: the same 202, or 422 for another request. */
const replay = (earlier: Order, userId: string, fingerprint: string): Accepted => {
  if (earlier.userId !== userId || earlier.requestFingerprint !== fingerprint)
    throw new IdempotencyKeyReusedError();
  return { orderId: earlier.orderId, status: 'PENDING' };
};

const unorderable = (
  items: readonly { sku: string }[],
  { unknownSkus, overLimitSkus, totalOverLimit }: Extract<ReturnType<typeof priceOrder>, { ok: false }>,
  itemsPointer: string | undefined,
): UnorderableItemsError => {
  const errors: FieldError[] = [];
  if (totalOverLimit)
    errors.push({
      pointer: itemsPointer ?? '#',
      detail: `Together the items cost more than one order may: ${formatAmount(MAX_AMOUNT)}.`,
    });
  items.forEach(({ sku }, index) => {
    const pointer = itemsPointer ? `${itemsPointer}/${index}` : '#';
    if (unknownSkus.includes(sku))
      errors.push({ pointer: `${pointer}/sku`, detail: `There is no product ${sku}.` });
    else if (overLimitSkus.includes(sku))
      errors.push({
        pointer: `${pointer}/quantity`,
        detail: `At most ${MAX_QUANTITY_PER_SKU} of ${sku} per order.`,
      });
  });
  return new UnorderableItemsError('Some items cannot be ordered.', errors);
};

/**
 * The cap on open orders: the customer's newest few all PENDING (a saga ends
 * within seconds, so open orders are the newest). The oldest of them is read
 * first: it has almost always finished, and then it settles the question alone.
 */
const tooManyOpen = async (orders: OrdersDependencies['orders'], userId: string): Promise<boolean> => {
  const newest = await orders.newestOrderIds(userId, MAX_OPEN_ORDERS);
  const oldest = newest[MAX_OPEN_ORDERS - 1];
  if (oldest === undefined || (await orders.statuses([oldest])).get(oldest) !== 'PENDING') return false;
  const others = newest.slice(0, -1);
  const statuses = await orders.statuses(others);
  return others.every((orderId) => statuses.get(orderId) === 'PENDING');
};

/**
 * Accepts an order: priced at the catalog's current prices, written PENDING
 * with its OrderPlaced event in one conditional write, under the id its
 * Idempotency-Key gives it. The same key with the same request answers the
 * same again and creates nothing; with another request it is refused. A key
 * stays bound to its order for as long as the order is kept. The write's
 * condition is the idempotency check: the key's order is read only when the
 * write finds it, or when the order could not be accepted.
 */
const accept = async (
  deps: OrdersDependencies,
  submission: Submission,
  items: () => Promise<readonly { sku: string; quantity: number }[]>,
  options: { fromCart: boolean; itemsPointer?: string },
): Promise<Accepted> => {
  const { orders, catalog, clock } = deps;
  const now = clock();
  const orderId = orderIdFor(submission.userId, submission.idempotencyKey);
  const fingerprint = sha256(canonical(submission.request));

  // What may refuse the order: the cap on open orders, an empty cart, unknown or too many items.
  const priceWithinLimits = async () => {
    const [tooMany, forgotten] = await Promise.all([
      tooManyOpen(orders, submission.userId),
      orders.isForgotten(submission.userId),
    ]);
    if (forgotten) throw new AccountDeletedError();
    if (tooMany) throw new TooManyOpenOrdersError();
    const requested = await items();
    if (requested.length === 0) throw new EmptyCartError();
    const products = await catalog.getProducts(requested.map((item) => item.sku));
    const priced = priceOrder(requested, new Map(products.map((product) => [product.sku, product])));
    if (!priced.ok) throw unorderable(requested, priced, options.itemsPointer);
    return priced;
  };
  let priced: Awaited<ReturnType<typeof priceWithinLimits>>;
  try {
    priced = await priceWithinLimits();
  } catch (error) {
    // The key's order may exist already (a retry after the cart was emptied, or while it is
    // among the open orders): then the answer is that order's, as for any replay.
    const earlier = await orders.get(orderId);
    if (earlier) return replay(earlier, submission.userId, fingerprint);
    throw error;
  }

  const at = now.toISOString();
  const order: Order = {
    orderId,
    userId: submission.userId,
    status: 'PENDING',
    items: priced.lines,
    total: priced.total,
    shippingAddress: submission.shippingAddress,
    paymentToken: submission.paymentToken,
    requestFingerprint: fingerprint,
    createdAt: at,
    updatedAt: at,
    dueAt: dueAfter(now),
  };
  const placed = OrderPlaced.create(
    {
      orderId: order.orderId,
      userId: order.userId,
      items: [...order.items],
      total: order.total,
      fromCart: options.fromCart,
    },
    now,
  );
  const result = await orders.place(order, [placed], [historyEntryOf(placed)]);
  // A concurrent request with the same key won the race: answer as it did.
  if (!result.placed) return replay(result.existing, submission.userId, fingerprint);
  return { orderId, status: 'PENDING' };
};

export const placeOrder = (
  deps: OrdersDependencies,
  input: Submission & { readonly items: readonly { sku: string; quantity: number }[] },
): Promise<Accepted> =>
  accept(deps, input, async () => input.items, { fromCart: false, itemsPointer: '#/items' });

/** The same as placing an order, with the cart's lines; the cart removes them when it hears OrderPlaced. */
export const checkOut = (deps: OrdersDependencies, input: Submission): Promise<Accepted> =>
  accept(deps, input, () => deps.cart.lines(input.userId), { fromCart: true });
