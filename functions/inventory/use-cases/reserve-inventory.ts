import {
  InventoryReservationFailed,
  InventoryReserved,
  StockAvailabilityChanged,
  StockLow,
} from '../contracts/events.js';
import type { OrderLine } from '../contracts/schemas.js';
import type { ReservationFailureReason } from '../contracts/vocabulary.js';
import type { Allocation } from '../contracts/warehouses.js';
import { OutOfStockError, StockChangedConcurrentlyError, UnknownProductError } from '../domain/errors.js';
import {
  allocate,
  allocationsOf,
  checkReservation,
  crossesZero,
  fallsBelow,
  holdUntil,
  MAX_READS,
  mergeLines,
  type Reservation,
} from '../domain/stock.js';
import type { InventoryDependencies, ReserveResult } from './ports.js';

/** Rejects as the recorded failure says, so a repeated request fails the same way. */
const refuse = (reason: ReservationFailureReason, skus: readonly string[]): never => {
  throw reason === 'UNKNOWN_PRODUCT' ? new UnknownProductError(skus) : new OutOfStockError(skus);
};

/**
 * Holds stock for every line of an order in one transaction, or for none.
 * Idempotent per order: a second call changes nothing and answers as the
 * first. The reservation's conditional writes are the check: the order's
 * reservation is read only when a write finds one recorded already.
 */
export const reserveInventory = async (
  { store, clock, lowStockThreshold }: InventoryDependencies,
  input: { orderId: string; lines: readonly OrderLine[] },
): Promise<{ orderId: string; lines: OrderLine[]; allocations: Allocation[] }> => {
  const asRecorded = async () => {
    const existing = await store.getReservation(input.orderId);
    // Reservations are never deleted: one a write found is there to read.
    if (!existing) throw new Error(`The reservation of order ${input.orderId} could not be read.`);
    if (existing.status === 'FAILED')
      refuse(existing.failure?.reason ?? 'OUT_OF_STOCK', existing.failure?.skus ?? []);
    // Released (its hold ran out, or the order was given up, even before anything was held): the
    // stock went back, and a saga run again for the order must not go on as if it were held, or
    // the order would sell units nobody holds for it.
    if (existing.status === 'RELEASED')
      refuse(
        'OUT_OF_STOCK',
        input.lines.map((line) => line.sku),
      );
    return {
      orderId: existing.orderId,
      lines: [...existing.lines],
      allocations: [...allocationsOf(existing)],
    };
  };
  const lines = mergeLines(input.lines);
  const now = clock();
  const fail = async (reason: ReservationFailureReason, skus: string[]) => {
    const failed: Reservation = {
      orderId: input.orderId,
      lines,
      status: 'FAILED',
      createdAt: now.toISOString(),
      failure: { reason, skus },
    };
    const recorded = await store.recordUnheld(failed, [
      InventoryReservationFailed.create({ orderId: input.orderId, reason, skus }, now),
    ]);
    return recorded ? refuse(reason, skus) : asRecorded();
  };
  // The events say what the reservation does to each sku's availability, as read: the write
  // holds only while that is still true, else the stock is read again (a few times at most).
  let result: { outcome: ReserveResult; allocations: Allocation[] } | undefined;
  for (let attempt = 0; result === undefined; attempt++) {
    const stock = new Map(
      (await store.getStocks(lines.map((line) => line.sku))).map((item) => [item.sku, item]),
    );
    const check = checkReservation(stock, lines);
    if (!check.ok) return fail(check.reason, check.skus);
    const allocations = allocate(stock, lines);
    if (!allocations)
      return fail(
        'OUT_OF_STOCK',
        lines.map((line) => line.sku),
      );
    const reservation: Reservation = {
      orderId: input.orderId,
      lines,
      allocations,
      status: 'HELD',
      createdAt: now.toISOString(),
      holdExpiresAt: holdUntil(now),
    };
    const changes = lines.map((line) => {
      const item = stock.get(line.sku);
      const before = item?.available ?? 0;
      return { sku: line.sku, before, after: before - line.quantity, stockVersion: (item?.version ?? 0) + 1 };
    });
    const lowStock = changes
      .filter(({ before, after }) => fallsBelow(before, after, lowStockThreshold))
      .map(({ sku, after }) => StockLow.create({ sku, available: after, threshold: lowStockThreshold }, now));
    const soldOut = changes
      .filter(({ before, after }) => crossesZero(before, after))
      .map(({ sku, after, stockVersion }) =>
        StockAvailabilityChanged.create({ sku, inStock: false, available: after, stockVersion }, now),
      );
    try {
      const outcome = await store.reserve(
        reservation,
        [
          InventoryReserved.create({ orderId: input.orderId, lines, allocations }, now),
          ...lowStock,
          ...soldOut,
        ],
        stock,
      );
      result = { outcome, allocations };
    } catch (error) {
      // Another order took the stock between the read and the transaction.
      if (error instanceof OutOfStockError) return fail('OUT_OF_STOCK', [...error.skus]);
      if (!(error instanceof StockChangedConcurrentlyError) || attempt + 1 >= MAX_READS) throw error;
    }
  }
  if (result.outcome === 'ALREADY_RECORDED') return asRecorded();
  return { orderId: input.orderId, lines, allocations: result.allocations };
};
