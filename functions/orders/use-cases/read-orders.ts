import type { Caller } from '../../shared/http/caller.js';
import type { Page } from '../../shared/pagination.js';
import { OrderAnonymized } from '../contracts/events.js';
import type { AdminOrderView, HistoryEntryView, OrderView } from '../contracts/schemas.js';
import { OPEN_ORDER_STATUSES, ORDER_STATUSES, type OrderStatus } from '../contracts/vocabulary.js';
import { OrderNotFoundError } from '../domain/errors.js';
import type { Order } from '../domain/order.js';
import type { OrdersDependencies } from './ports.js';

/** What the customer sees of an order: never the payment token or internal flags. */
export const toOrderView = (order: Order): OrderView => ({
  orderId: order.orderId,
  status: order.status,
  items: order.items.map(({ sku, name, quantity, unitPrice }) => ({ sku, name, quantity, unitPrice })),
  total: order.total,
  shippingAddress: order.shippingAddress,
  createdAt: order.createdAt,
  updatedAt: order.updatedAt,
  ...(order.cancellationReason ? { cancellationReason: order.cancellationReason } : {}),
});

/** Who reads an order: its customer, or an admin (any order). */
export type Reader = Pick<Caller, 'userId' | 'isAdmin'>;

/** The order the reader may see: the caller's own, or, for an admin, any. */
export const readableOrder = async (
  { orders }: Pick<OrdersDependencies, 'orders'>,
  reader: Reader,
  orderId: string,
): Promise<Order> => {
  const order = await orders.get(orderId);
  if (!order || (order.userId !== reader.userId && !reader.isAdmin)) throw new OrderNotFoundError();
  return order;
};

/** The caller's own order, even for an admin; anyone else's is as absent as one that does not exist. */
export const ownOrder = (deps: Pick<OrdersDependencies, 'orders'>, userId: string, orderId: string) =>
  readableOrder(deps, { userId, isAdmin: false }, orderId);

export const getOrder = async (deps: Pick<OrdersDependencies, 'orders'>, reader: Reader, orderId: string) =>
  toOrderView(await readableOrder(deps, reader, orderId));

export const getOrderHistory = async (
  deps: Pick<OrdersDependencies, 'orders'>,
  reader: Reader,
  orderId: string,
): Promise<{ items: HistoryEntryView[] }> => {
  await readableOrder(deps, reader, orderId);
  const entries = await deps.orders.history(orderId);
  return { items: entries.map(({ type, at, detail }) => ({ type, at, detail: { ...detail } })) };
};

export const listOrders = async (
  { orders, cursors }: Pick<OrdersDependencies, 'orders' | 'cursors'>,
  userId: string,
  { limit, cursor }: { limit: number; cursor?: string },
): Promise<Page<OrderView>> => {
  // The cursor is bound to the caller: nobody can page through another customer's orders.
  const scope = `orders?user=${userId}`;
  const after = cursor === undefined ? undefined : await cursors.decode(cursor, scope);
  const listing = await orders.listByCustomer(userId, { limit, ...(after ? { after } : {}) });
  return {
    items: listing.items.map(toOrderView),
    nextCursor: listing.next ? await cursors.encode(listing.next, scope) : null,
  };
};

/**
 * The admins' list: every customer's orders of one status (CONFIRMED: the
 * ones to ship), or of any, newest first. The cursor is bound to the filter.
 */
export const listAllOrders = async (
  { orders, cursors }: Pick<OrdersDependencies, 'orders' | 'cursors'>,
  { status, limit, cursor }: { status?: OrderStatus; limit: number; cursor?: string },
): Promise<Page<AdminOrderView>> => {
  const scope = `admin/orders?status=${status ?? '*'}`;
  const before = cursor === undefined ? undefined : (await cursors.decode(cursor, scope)).before;
  const listing = await orders.listByStatus(status ? [status] : ORDER_STATUSES, {
    limit,
    ...(before !== undefined ? { before: String(before) } : {}),
  });
  return {
    items: listing.items.map((order) => ({ ...toOrderView(order), userId: order.userId })),
    nextCursor: listing.next ? await cursors.encode({ before: listing.next }, scope) : null,
  };
};

/** The customer's newest orders, for the dashboard. */
export const recentOrders = async (
  { orders }: Pick<OrdersDependencies, 'orders'>,
  userId: string,
  limit: number,
): Promise<OrderView[]> => (await orders.listByCustomer(userId, { limit })).items.map(toOrderView);

/** The most pages of a customer's orders read at once: 100 of 100 orders, far beyond what a person places. */
const MAX_CUSTOMER_PAGES = 100;

/**
 * The customer's orders, a page of 100 at a time, newest first, from the
 * customer index; it returns whether that was all of them (false: the bound
 * above was reached).
 */
async function* customerOrderPages(
  orders: OrdersDependencies['orders'],
  userId: string,
): AsyncGenerator<Order[], boolean> {
  let after: Parameters<typeof orders.listByCustomer>[1]['after'];
  for (let page = 0; page < MAX_CUSTOMER_PAGES; page += 1) {
    const { items, next } = await orders.listByCustomer(userId, { limit: 100, ...(after ? { after } : {}) });
    yield items;
    if (!next) return true;
    after = next;
  }
  return false;
}

/**
 * Whether the customer has an open order (OPEN_ORDER_STATUSES), newest
 * first: an open order is most likely a recent one. Statuses are read
 * strongly (GetOrder's view).
 */
export const hasOpenOrders = async (
  { orders }: Pick<OrdersDependencies, 'orders'>,
  userId: string,
): Promise<boolean> => {
  const pages = customerOrderPages(orders, userId);
  for (let page = await pages.next(); ; page = await pages.next()) {
    // All read and none open: false. More orders than the bound: say open, and the deletion
    // is refused rather than guessed.
    if (page.done) return !page.value;
    if (page.value.some((order) => OPEN_ORDER_STATUSES.includes(order.status))) return true;
  }
};

/**
 * The customer deleted their account: each of their orders keeps its lines
 * and money for the books, its address anonymized. An order still open (one
 * placed in the moment between the deletion's check and the deletion) keeps
 * its address to ship, and is counted, so the operators' log shows it.
 */
export const anonymizeCustomerOrders = async (
  { orders, clock }: Pick<OrdersDependencies, 'orders' | 'clock'>,
  userId: string,
): Promise<{ anonymized: number; open: number }> => {
  const at = clock().toISOString();
  // First: from now on no order of theirs is accepted (a token of theirs lives up to an hour).
  await orders.forgetCustomer(userId, at);
  let anonymized = 0;
  let open = 0;
  for await (const items of customerOrderPages(orders, userId))
    for (const order of items) {
      if (order.anonymizedAt) continue;
      const events = [OrderAnonymized.create({ orderId: order.orderId, userId }, clock())];
      if (await orders.anonymize(order.orderId, at, events)) anonymized += 1;
      else open += 1;
    }
  return { anonymized, open };
};
