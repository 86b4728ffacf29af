import type { Page } from '../../shared/pagination.js';
import type { HistoryEntryView, OrderView } from '../contracts/schemas.js';
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

/** The caller's order; anyone else's is as absent as one that does not exist. */
export const ownOrder = async (
  { orders }: Pick<OrdersDependencies, 'orders'>,
  userId: string,
  orderId: string,
): Promise<Order> => {
  const order = await orders.get(orderId);
  if (!order || order.userId !== userId) throw new OrderNotFoundError();
  return order;
};

export const getOrder = async (deps: Pick<OrdersDependencies, 'orders'>, userId: string, orderId: string) =>
  toOrderView(await ownOrder(deps, userId, orderId));

export const getOrderHistory = async (
  deps: Pick<OrdersDependencies, 'orders'>,
  userId: string,
  orderId: string,
): Promise<{ items: HistoryEntryView[] }> => {
  await ownOrder(deps, userId, orderId);
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
  const after = cursor === undefined ? undefined : cursors.decode(cursor, scope);
  const listing = await orders.listByCustomer(userId, { limit, ...(after ? { after } : {}) });
  return {
    items: listing.items.map(toOrderView),
    nextCursor: listing.next ? cursors.encode(listing.next, scope) : null,
  };
};

/** The customer's newest orders, for the dashboard. */
export const recentOrders = async (
  { orders }: Pick<OrdersDependencies, 'orders'>,
  userId: string,
  limit: number,
): Promise<OrderView[]> => (await orders.listByCustomer(userId, { limit })).items.map(toOrderView);
