import type { OrderLine } from '../contracts/schemas.js';
import type { ReservationFailureReason } from '../contracts/vocabulary.js';
import { type Allocation, compareWarehouseIds, MAIN_WAREHOUSE } from '../contracts/warehouses.js';

export type { Allocation };

/** One warehouse's share of a sku's stock: the same two counts as the item's totals. */
export interface WarehouseStock {
  readonly available: number;
  readonly received: number;
}

export interface StockItem {
  readonly sku: string;
  /**
   * Units that can be sold, in all warehouses: not held by any reservation. A reservation
   * counts its units out of here when it holds them; committing it sells
   * them without touching this item again, and releasing it gives them back.
   */
  readonly available: number;
  /**
   * Units admins have put on sale, net of their corrections. Stock is
   * conserved: available + held (by HELD reservations) + sold (by COMMITTED
   * ones) always equals this. Held units are not counted on this item, which
   * would make every commit write it: they are the sum of the open holds.
   */
  readonly received: number;
  /**
   * The same counts per warehouse, by warehouse id; the totals are their sums.
   * The main warehouse is always there; another appears when stock is set in it.
   */
  readonly warehouses: Readonly<Record<string, WarehouseStock>>;
  readonly version: number;
  readonly updatedAt: string;
}

export type ReservationStatus = 'HELD' | 'COMMITTED' | 'RELEASED' | 'FAILED';

/**
 * What inventory holds for one order: all its lines or none. HELD until the
 * order is confirmed (COMMITTED: the units are sold) or given up (RELEASED);
 * FAILED records a refusal, so a repeated request gets the same answer.
 */
export interface Reservation {
  readonly orderId: string;
  readonly lines: readonly OrderLine[];
  /**
   * Where each line's units are held, by warehouse: a line split across
   * warehouses has one allocation per warehouse. Absent on a reservation that
   * holds nothing, and on those made before warehouses (all from main).
   */
  readonly allocations?: readonly Allocation[];
  readonly status: ReservationStatus;
  readonly createdAt: string;
  /** A HELD reservation not committed by then is released by the sweeper. */
  readonly holdExpiresAt?: string;
  /** Why a FAILED reservation was refused. */
  readonly failure?: {
    readonly reason: ReservationFailureReason;
    readonly skus: readonly string[];
  };
}

export const newStockItem = (sku: string, now: Date): StockItem => ({
  sku,
  available: 0,
  received: 0,
  warehouses: { [MAIN_WAREHOUSE]: { available: 0, received: 0 } },
  version: 1,
  updatedAt: now.toISOString(),
});

/** One line per sku, quantities added up, in sku order (a stable order for transactions). */
export const mergeLines = (lines: readonly OrderLine[]): OrderLine[] => {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  return [...bySku].sort(([a], [b]) => (a < b ? -1 : 1)).map(([sku, quantity]) => ({ sku, quantity }));
};

export type ReservationCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: ReservationFailureReason; readonly skus: string[] };

/** Whether a snapshot of the stock can cover every line. */
export const checkReservation = (
  stock: ReadonlyMap<string, StockItem>,
  lines: readonly OrderLine[],
): ReservationCheck => {
  const unknown = lines.filter((line) => !stock.has(line.sku)).map((line) => line.sku);
  if (unknown.length > 0) return { ok: false, reason: 'UNKNOWN_PRODUCT', skus: unknown };
  const short = lines
    .filter((line) => (stock.get(line.sku)?.available ?? 0) < line.quantity)
    .map((line) => line.sku);
  if (short.length > 0) return { ok: false, reason: 'OUT_OF_STOCK', skus: short };
  return { ok: true };
};

/** A sku whose available stock falls from at or above the threshold to below it. */
export const fallsBelow = (before: number, after: number, threshold: number): boolean =>
  before >= threshold && after < threshold;

/** How often a change of stock reads it again when it changed under the change: a few races at most. */
export const MAX_READS = 5;

/** Whether a change of available units takes a sku out of stock or back in. */
export const crossesZero = (before: number, after: number): boolean => before > 0 !== after > 0;

/**
 * What must still hold of a sku's stock, as read, for a change of `change`
 * units to have the effect on its availability that was decided from that
 * read: exactly the same item where it crosses zero, else the same side of
 * zero after the change (at least one unit left, or some units already there).
 */
export type StockGuard =
  | { readonly kind: 'exactly'; readonly version: number }
  | { readonly kind: 'atLeast'; readonly available: number };

export const stockGuard = (asRead: Pick<StockItem, 'available' | 'version'>, change: number): StockGuard =>
  crossesZero(asRead.available, asRead.available + change)
    ? { kind: 'exactly', version: asRead.version }
    : // Taking units: one must be left after; giving them back: some must be there already.
      { kind: 'atLeast', available: change < 0 ? 1 - change : 1 };

export const guardHolds = (item: Pick<StockItem, 'available' | 'version'>, guard: StockGuard): boolean =>
  guard.kind === 'exactly' ? item.version === guard.version : item.available >= guard.available;

/** How long a reservation holds stock without the order being confirmed. */
export const HOLD_MINUTES = 15;

export const holdUntil = (now: Date): string => new Date(now.getTime() + HOLD_MINUTES * 60_000).toISOString();

/** Where a reservation's units are held: its allocations, or, made before warehouses, its lines in main. */
export const allocationsOf = (
  reservation: Pick<Reservation, 'lines' | 'allocations'>,
): readonly Allocation[] =>
  reservation.allocations ?? reservation.lines.map((line) => ({ ...line, warehouseId: MAIN_WAREHOUSE }));

/** Warehouse ids in the order allocation tries them: main first, then by id. */
const warehouseOrder = (ids: Iterable<string>): string[] => [...new Set(ids)].sort(compareWarehouseIds);

const availableIn = (item: StockItem | undefined, warehouseId: string) =>
  item?.warehouses[warehouseId]?.available ?? 0;

/**
 * Which warehouse each line's units come from, given stock that covers every
 * line in total (`checkReservation`). One warehouse that can supply the whole
 * order is used alone (main first, then by id): one parcel. Otherwise each
 * line comes from a warehouse already chosen that can supply it whole, else
 * from any that can, else it is split, the warehouses with most units first.
 * Undefined when the stock does not cover the lines.
 */
export const allocate = (
  stock: ReadonlyMap<string, StockItem>,
  lines: readonly OrderLine[],
): Allocation[] | undefined => {
  const ids = warehouseOrder([...stock.values()].flatMap((item) => Object.keys(item.warehouses)));
  const whole = ids.find((id) =>
    lines.every((line) => availableIn(stock.get(line.sku), id) >= line.quantity),
  );
  if (whole !== undefined) return lines.map((line) => ({ ...line, warehouseId: whole }));
  const chosen: string[] = [];
  const allocations: Allocation[] = [];
  for (const line of lines) {
    const item = stock.get(line.sku);
    const single = [...chosen, ...ids.filter((id) => !chosen.includes(id))].find(
      (id) => availableIn(item, id) >= line.quantity,
    );
    if (single !== undefined) {
      allocations.push({ ...line, warehouseId: single });
      if (!chosen.includes(single)) chosen.push(single);
      continue;
    }
    let left = line.quantity;
    const richestFirst = [...ids].sort((a, b) => availableIn(item, b) - availableIn(item, a));
    for (const id of richestFirst) {
      const take = Math.min(left, availableIn(item, id));
      if (take <= 0) break;
      allocations.push({ sku: line.sku, warehouseId: id, quantity: take });
      if (!chosen.includes(id)) chosen.push(id);
      left -= take;
    }
    if (left > 0) return undefined;
  }
  return allocations;
};

export interface Warehouse {
  readonly id: string;
  readonly name: string;
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
  readonly createdAt: string;
}

/** The warehouse every shop starts with: it needs no creating. */
export const mainWarehouse: Warehouse = {
  id: MAIN_WAREHOUSE,
  name: 'Main warehouse',
  country: 'US',
  createdAt: '1970-01-01T00:00:00.000Z',
};

/**
 * A sku's stock with `available` units in one warehouse, set by an admin:
 * the warehouse's and the item's received units change by the same
 * difference, held units are not touched.
 */
export const withWarehouseStock = (
  item: StockItem,
  warehouseId: string,
  available: number,
  now: Date,
): StockItem => {
  const current = item.warehouses[warehouseId] ?? { available: 0, received: 0 };
  const change = available - current.available;
  return {
    ...item,
    available: item.available + change,
    received: item.received + change,
    warehouses: { ...item.warehouses, [warehouseId]: { available, received: current.received + change } },
    version: item.version + 1,
    updatedAt: now.toISOString(),
  };
};
