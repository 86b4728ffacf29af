import type { DomainEvent } from '../../shared/events/define-event.js';
import type { PageKey } from '../../shared/pagination.js';
import { anonymizedAddress } from '../contracts/schemas.js';
import { OPEN_ORDER_STATUSES } from '../contracts/vocabulary.js';
import { type HistoryEntry, isOnItsWay, mayChangeAddress, type Order } from '../domain/order.js';
import type { OrderStore } from '../use-cases/ports.js';
import { OrderKind } from './orders-table.js';

/** The order store's twin in memory, for tests. */
export class InMemoryOrders {
  readonly orders = new Map<string, Order>();
  readonly forgotten = new Set<string>();
  readonly histories = new Map<string, HistoryEntry[]>();
  readonly outbox: DomainEvent[] = [];

  private addHistory(orderId: string, entries: readonly HistoryEntry[]) {
    const timeline = this.histories.get(orderId) ?? [];
    for (const entry of entries)
      if (!timeline.some((known) => known.eventId === entry.eventId && known.at === entry.at))
        timeline.push(entry);
    timeline.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId < b.eventId ? -1 : 1));
    this.histories.set(orderId, timeline);
  }

  /** Writes the order's next state, one revision on: every write of the order counts. */
  private write(order: Order): void {
    this.orders.set(order.orderId, {
      ...order,
      revision: (this.orders.get(order.orderId)?.revision ?? 0) + 1,
    });
  }

  readonly store: OrderStore = {
    get: async (orderId) => this.orders.get(orderId),
    listByCustomer: async (userId, { limit, after }) => {
      const sortKey = (order: Order) => `${order.createdAt}#${order.orderId}`;
      const all = [...this.orders.values()]
        .filter((order) => order.userId === userId)
        .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1))
        .filter((order) => !after || sortKey(order) < String(after.customerSk));
      const items = all.slice(0, limit);
      const last = items.at(-1);
      const next: PageKey | undefined =
        all.length > limit && last
          ? { customerSk: sortKey(last), pk: OrderKind.key(last.orderId).pk }
          : undefined;
      return { items, ...(next ? { next } : {}) };
    },
    newestOrderIds: async (userId, limit) =>
      (await this.store.listByCustomer(userId, { limit })).items.map((order) => order.orderId),
    statuses: async (orderIds) =>
      new Map(
        orderIds.flatMap((orderId) => {
          const order = this.orders.get(orderId);
          return order ? [[orderId, order.status] as const] : [];
        }),
      ),
    history: async (orderId) => [...(this.histories.get(orderId) ?? [])],
    place: async (order, events, history) => {
      const existing = this.orders.get(order.orderId);
      if (existing) return { placed: false, existing };
      this.orders.set(order.orderId, order);
      this.addHistory(order.orderId, history);
      this.outbox.push(...events);
      return { placed: true };
    },
    transition: async (next, from, events, history) => {
      const current = this.orders.get(next.orderId);
      if (current?.status !== from) return false;
      if (current.abandonedAt !== undefined && current.abandonedAt !== next.abandonedAt) return false;
      if (current.revision !== next.revision) return false;
      this.write(next);
      this.addHistory(next.orderId, history);
      this.outbox.push(...events);
      return true;
    },
    requestCancellation: async (orderId, at, dueAt) => {
      const order = this.orders.get(orderId);
      if (order?.status !== 'CONFIRMED' || order.cancelRequestedAt || order.shipmentClaimedAt) return false;
      this.write({ ...order, cancelRequestedAt: at, dueAt });
      return true;
    },
    abandon: async (orderId, at) => {
      const order = this.orders.get(orderId);
      if (order?.status !== 'PENDING' || order.abandonedAt) return false;
      this.write({ ...order, abandonedAt: at });
      return true;
    },
    overdueOrderIds: async (now, limit) =>
      [...this.orders.values()]
        .filter((order) => order.dueAt !== undefined && order.dueAt < now.toISOString())
        .sort((a, b) => ((a.dueAt ?? '') < (b.dueAt ?? '') ? -1 : 1))
        .slice(0, limit)
        .map((order) => order.orderId),
    reschedule: async (orderId, dueAt, next) => {
      const order = this.orders.get(orderId);
      if (order?.dueAt !== dueAt) return false;
      this.write({ ...order, ...next });
      return true;
    },
    claimShipment: async (orderId, at, seen) => {
      const order = this.orders.get(orderId);
      if (
        order?.status !== 'CONFIRMED' ||
        order.revision !== seen ||
        order.cancelRequestedAt ||
        order.shipmentClaimedAt
      )
        return false;
      this.write({ ...order, shipmentClaimedAt: at });
      return true;
    },
    changeAddress: async (next, events, history) => {
      const order = this.orders.get(next.orderId);
      if (!order || !mayChangeAddress(order)) return false;
      this.write({ ...order, shippingAddress: next.shippingAddress, updatedAt: next.updatedAt });
      this.addHistory(next.orderId, history);
      this.outbox.push(...events);
      return true;
    },
    forgetCustomer: async (userId) => {
      this.forgotten.add(userId);
    },
    isForgotten: async (userId) => this.forgotten.has(userId),
    anonymize: async (orderId, at, events) => {
      const order = this.orders.get(orderId);
      if (!order || OPEN_ORDER_STATUSES.includes(order.status)) return false;
      this.write({ ...order, shippingAddress: anonymizedAddress(order.shippingAddress), anonymizedAt: at });
      this.outbox.push(...events);
      return true;
    },
    markReturned: async (orderId, at, dueAt) => {
      const order = this.orders.get(orderId);
      if (!order || !isOnItsWay(order) || order.cancelRequestedAt) return false;
      this.write({ ...order, returnedAt: at, cancelRequestedAt: at, dueAt });
      return true;
    },
    listByStatus: async (statuses, { limit, before }) => {
      const sortKey = (order: Order) => `${order.createdAt}#${order.orderId}`;
      const all = [...this.orders.values()]
        .filter((order) => statuses.includes(order.status))
        .sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1))
        .filter((order) => before === undefined || sortKey(order) < before);
      const items = all.slice(0, limit);
      const last = items.at(-1);
      return { items, ...(all.length > limit && last ? { next: sortKey(last) } : {}) };
    },
    recordHistory: async (orderId, entry) => this.addHistory(orderId, [entry]),
  };
}
