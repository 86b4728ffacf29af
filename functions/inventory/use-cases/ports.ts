import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Reservation, StockItem, Warehouse } from '../domain/stock.js';

export type ReserveResult = 'RESERVED' | 'ALREADY_RECORDED';

/**
 * The stock items as the caller read them, by sku, when the change's events
 * (a sku out of stock, or back in) were decided from them. The write then
 * holds only while each sku is on the side of zero they say it is, and,
 * where the change takes a sku across zero, only while the item is exactly
 * as read (its version): so an event that says a sku went out of stock or
 * came back, with the version it did so at, is always true. Otherwise the
 * store throws StockChangedConcurrentlyError and the caller reads again.
 */
export type StockAsRead = ReadonlyMap<string, Pick<StockItem, 'available' | 'version'>>;

/**
 * Stock items and reservations, in one table so that a reservation and the
 * stock it holds change in one transaction, together with their events.
 */
export interface InventoryStore {
  getStock(sku: string): Promise<StockItem | undefined>;
  getStocks(skus: readonly string[]): Promise<StockItem[]>;
  /**
   * The units of `sku` that HELD reservations hold, by warehouse. Read from
   * the hold index, which follows the table within a moment: a hold made or
   * ended just now may not show yet.
   */
  heldUnits(sku: string): Promise<Record<string, number>>;
  /** Creates a stock item with nothing available, unless one exists. Resolves with whether it created it. */
  createStockItem(item: StockItem): Promise<boolean>;
  /** Sets the available units if the item is still at `expectedVersion`. @throws StockChangedConcurrentlyError */
  setAvailable(item: StockItem, expectedVersion: number, events: readonly DomainEvent[]): Promise<void>;
  getReservation(orderId: string): Promise<Reservation | undefined>;
  /**
   * Holds every line of a new reservation: all or none, never below zero.
   * ALREADY_RECORDED when the order has a reservation already (nothing changes).
   * @throws OutOfStockError when some line no longer fits
   * @throws StockChangedConcurrentlyError when the stock is no longer as `asRead` says
   */
  reserve(
    reservation: Reservation,
    events: readonly DomainEvent[],
    asRead?: StockAsRead,
  ): Promise<ReserveResult>;
  /**
   * Records a reservation that holds nothing — a refusal (FAILED), or a
   * release that came before any reservation (RELEASED, no lines) — unless
   * the order has one already: then it resolves false.
   */
  recordUnheld(reservation: Reservation, events: readonly DomainEvent[]): Promise<boolean>;
  /**
   * Marks an order's HELD reservation COMMITTED: its units, counted out of
   * the available stock when they were held, are sold. The stock items are
   * not written. Resolves with the committed reservation; undefined when it was not HELD.
   */
  commit(orderId: string): Promise<Reservation | undefined>;
  /**
   * Marks a reservation RELEASED if it is still `from` (HELD or COMMITTED),
   * giving its units back to the available stock, with `events`: all in one
   * transaction. False when it was not `from` any more.
   * @throws StockChangedConcurrentlyError when the stock is no longer as `asRead` says
   */
  release(
    reservation: Reservation,
    from: 'HELD' | 'COMMITTED',
    events: readonly DomainEvent[],
    asRead?: StockAsRead,
  ): Promise<boolean>;
  /** HELD reservations whose hold ended before `now`, oldest first. */
  expiredHolds(now: Date, limit: number): Promise<Reservation[]>;
  /** The warehouses admins added (main, which always exists, is not stored). */
  listWarehouses(): Promise<Warehouse[]>;
  getWarehouse(id: string): Promise<Warehouse | undefined>;
  /** @throws WarehouseTakenError */
  createWarehouse(warehouse: Warehouse): Promise<void>;
}

/** Whether the catalog has a sku: inventory's view of the catalog's GetProducts contract. */
export interface SkuCatalog {
  has(sku: string): Promise<boolean>;
}

export interface InventoryDependencies {
  readonly store: InventoryStore;
  readonly clock: () => Date;
  /** StockLow is published when available stock falls below this. */
  readonly lowStockThreshold: number;
}

/** Setting stock may create the stock item of a sku the catalog has, before ProductCreated arrives. */
export interface SetStockDependencies extends InventoryDependencies {
  readonly catalog: SkuCatalog;
}
