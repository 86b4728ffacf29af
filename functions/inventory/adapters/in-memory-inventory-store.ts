import type { DomainEvent } from '../../shared/events/define-event.js';
import { OutOfStockError, StockChangedConcurrentlyError, WarehouseTakenError } from '../domain/errors.js';
import {
  type Allocation,
  allocationsOf,
  guardHolds,
  type Reservation,
  type StockItem,
  stockGuard,
  type Warehouse,
} from '../domain/stock.js';
import type { InventoryStore, StockAsRead } from '../use-cases/ports.js';

/** The DynamoDB inventory store's twin in memory; the shared contract suite holds both to the same promises. */
export class InMemoryInventory {
  readonly stock = new Map<string, StockItem>();
  readonly reservations = new Map<string, Reservation>();
  readonly warehouses = new Map<string, Warehouse>();
  readonly outbox: DomainEvent[] = [];

  /** Units of one sku taken out of (negative `sign`) or given back to the warehouses they came from. */
  private adjust(sku: string, allocations: readonly Allocation[], sign: -1 | 1): void {
    const item = this.stock.get(sku);
    if (!item) return;
    const warehouses = { ...item.warehouses };
    let change = 0;
    for (const { warehouseId, quantity } of allocations.filter((allocation) => allocation.sku === sku)) {
      const current = warehouses[warehouseId] ?? { available: 0, received: 0 };
      warehouses[warehouseId] = { ...current, available: current.available + sign * quantity };
      change += sign * quantity;
    }
    this.stock.set(sku, {
      ...item,
      available: item.available + change,
      warehouses,
      version: item.version + 1,
    });
  }

  /** What `GET /inventory/{sku}` shows of a sku: its available units, and those its held reservations hold. */
  view(sku: string): { available: number; reserved: number } | undefined {
    const item = this.stock.get(sku);
    const reserved = Object.values(this.held(sku)).reduce((sum, units) => sum + units, 0);
    return item && { available: item.available, reserved };
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

  private held(sku: string): Record<string, number> {
    const held: Record<string, number> = {};
    for (const reservation of this.reservations.values()) {
      if (reservation.status !== 'HELD') continue;
      for (const { warehouseId, quantity } of allocationsOf(reservation).filter((a) => a.sku === sku))
        held[warehouseId] = (held[warehouseId] ?? 0) + quantity;
    }
    return held;
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
      const allocations = allocationsOf(reservation);
      // A warehouse that no longer has its share, while the sku still has enough in all: read again.
      const moved = allocations.find(
        ({ sku, warehouseId, quantity }) =>
          (this.stock.get(sku)?.warehouses[warehouseId]?.available ?? 0) < quantity,
      );
      if (moved) throw new StockChangedConcurrentlyError(moved.sku);
      this.checkAsRead(reservation, -1, asRead);
      for (const line of reservation.lines) this.adjust(line.sku, allocations, -1);
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
      if (current?.status !== 'HELD') return undefined;
      const { holdExpiresAt: _held, ...rest } = current;
      const committed = { ...rest, status: 'COMMITTED' as const };
      this.reservations.set(orderId, committed);
      return committed;
    },
    release: async (reservation, from, events, asRead) => {
      const current = this.reservations.get(reservation.orderId);
      if (current?.status !== from) return false;
      this.checkAsRead(reservation, 1, asRead);
      for (const line of reservation.lines) this.adjust(line.sku, allocationsOf(reservation), 1);
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
    listWarehouses: async () => [...this.warehouses.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    getWarehouse: async (id) => this.warehouses.get(id),
    createWarehouse: async (warehouse) => {
      if (this.warehouses.has(warehouse.id)) throw new WarehouseTakenError(warehouse.id);
      this.warehouses.set(warehouse.id, warehouse);
    },
  };
}
