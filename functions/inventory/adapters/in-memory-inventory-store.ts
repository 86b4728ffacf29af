import type { DomainEvent } from '../../shared/events/define-event.js';
import { OutOfStockError, StockChangedConcurrentlyError } from '../domain/errors.js';
import { guardHolds, type Reservation, type StockItem, stockGuard } from '../domain/stock.js';
import type { InventoryStore, StockAsRead } from '../use-cases/ports.js';

/** The DynamoDB inventory store's twin in memory; the shared contract suite holds both to the same promises. */
export class InMemoryInventory {
  readonly stock = new Map<string, StockItem>();
  readonly reservations = new Map<string, Reservation>();
  readonly outbox: DomainEvent[] = [];

  private adjust(sku: string, change: number): void {
    const item = this.stock.get(sku);
    if (!item) return;
    this.stock.set(sku, { ...item, available: item.available + change, version: item.version + 1 });
  }

  /** What `GET /inventory/{sku}` shows of a sku: its available units, and those its held reservations hold. */
  view(sku: string): { available: number; reserved: number } | undefined {
    const item = this.stock.get(sku);
    return item && { available: item.available, reserved: this.held(sku) };
  }

  /** Throws, as the DynamoDB store's conditions refuse, when some line's stock is not as read. */
  private checkAsRead(reservation: Reservation, sign: -1 | 1, asRead: StockAsRead | undefined): void {
    for (const line of reservation.lines) {
      const seen = asRead?.get(line.sku);
      const item = this.stock.get(line.sku);
      if (seen && item && !guardHolds(item, stockGuard(seen, sign * line.quantity)))
        throw new StockChangedConcurrentlyError(line.sku);
    }
  }

  private held(sku: string): number {
    return [...this.reservations.values()]
      .filter((reservation) => reservation.status === 'HELD')
      .flatMap((reservation) => reservation.lines)
      .filter((line) => line.sku === sku)
      .reduce((units, line) => units + line.quantity, 0);
  }

  readonly store: InventoryStore = {
    getStock: async (sku) => this.stock.get(sku),
    getStocks: async (skus) => [...new Set(skus)].flatMap((sku) => this.stock.get(sku) ?? []),
    heldUnits: async (sku) => this.held(sku),
    createStockItem: async (item) => {
      if (this.stock.has(item.sku)) return false;
      this.stock.set(item.sku, item);
      return true;
    },
    setAvailable: async (item, expectedVersion, events) => {
      if (this.stock.get(item.sku)?.version !== expectedVersion)
        throw new StockChangedConcurrentlyError(item.sku);
      this.stock.set(item.sku, item);
      this.outbox.push(...events);
    },
    getReservation: async (orderId) => this.reservations.get(orderId),
    reserve: async (reservation, events, asRead) => {
      if (this.reservations.has(reservation.orderId)) return 'ALREADY_RECORDED';
      const short = reservation.lines
        .filter((line) => (this.stock.get(line.sku)?.available ?? -1) < line.quantity)
        .map((line) => line.sku);
      if (short.length > 0) throw new OutOfStockError(short);
      this.checkAsRead(reservation, -1, asRead);
      for (const line of reservation.lines) this.adjust(line.sku, -line.quantity);
      this.reservations.set(reservation.orderId, reservation);
      this.outbox.push(...events);
      return 'RESERVED';
    },
    recordUnheld: async (reservation, events) => {
      if (this.reservations.has(reservation.orderId)) return false;
      this.reservations.set(reservation.orderId, reservation);
      this.outbox.push(...events);
      return true;
    },
    commit: async (orderId) => {
      const current = this.reservations.get(orderId);
      if (current?.status !== 'HELD') return false;
      const { holdExpiresAt: _held, ...rest } = current;
      this.reservations.set(orderId, { ...rest, status: 'COMMITTED' });
      return true;
    },
    release: async (reservation, from, events, asRead) => {
      const current = this.reservations.get(reservation.orderId);
      if (current?.status !== from) return false;
      this.checkAsRead(reservation, 1, asRead);
      for (const line of reservation.lines) this.adjust(line.sku, line.quantity);
      const { holdExpiresAt: _held, ...rest } = current;
      this.reservations.set(reservation.orderId, { ...rest, status: 'RELEASED' });
      this.outbox.push(...events);
      return true;
    },
    expiredHolds: async (now, limit) =>
      [...this.reservations.values()]
        .filter(
          (reservation) =>
            reservation.status === 'HELD' &&
            reservation.holdExpiresAt !== undefined &&
            reservation.holdExpiresAt < now.toISOString(),
        )
        .sort((a, b) => ((a.holdExpiresAt ?? '') < (b.holdExpiresAt ?? '') ? -1 : 1))
        .slice(0, limit),
  };
}
