import { InventoryReleased, StockAvailabilityChanged } from '../contracts/events.js';
import { StockChangedConcurrentlyError } from '../domain/errors.js';
import { crossesZero, MAX_READS } from '../domain/stock.js';
import type { InventoryDependencies } from './ports.js';

export type ReleaseOutcome = 'RELEASED' | 'NOTHING_TO_RELEASE';

/**
 * Gives back what an order's reservation holds: held units become available
 * again; units of a committed (sold) reservation go back to stock when the
 * order is cancelled afterwards. Idempotent, and only ever what that order
 * reserved. With no reservation yet, it records one released and empty:
 * the order's stock is given back once and for all.
 */
export const releaseInventory = async (
  { store, clock }: Pick<InventoryDependencies, 'store' | 'clock'>,
  { orderId, reason = 'COMPENSATION' }: { orderId: string; reason?: 'COMPENSATION' | 'EXPIRED' },
): Promise<ReleaseOutcome> => {
  for (let attempt = 0; attempt < MAX_READS; attempt++) {
    const reservation = await store.getReservation(orderId);
    if (!reservation) {
      // Released before anything was held: the order's reservation is recorded as released, empty,
      // so that a reservation arriving late (a step of a stopped or second saga) is refused.
      const released = { orderId, lines: [], status: 'RELEASED' as const, createdAt: clock().toISOString() };
      if (await store.recordUnheld(released, [])) return 'NOTHING_TO_RELEASE';
      continue;
    }
    if (reservation.status === 'RELEASED' || reservation.status === 'FAILED') return 'NOTHING_TO_RELEASE';
    // A hold that ran out is given back only while it is a hold: sold units stay sold.
    if (reason === 'EXPIRED' && reservation.status !== 'HELD') return 'NOTHING_TO_RELEASE';
    const held = reservation.status === 'HELD';
    const now = clock();
    // Units coming back may bring a sold-out sku back into stock.
    const stock = new Map(
      (await store.getStocks(reservation.lines.map((line) => line.sku))).map((item) => [item.sku, item]),
    );
    const backInStock = reservation.lines.flatMap((line) => {
      const item = stock.get(line.sku);
      if (!item || !crossesZero(item.available, item.available + line.quantity)) return [];
      return [
        StockAvailabilityChanged.create(
          {
            sku: line.sku,
            inStock: true,
            available: item.available + line.quantity,
            stockVersion: item.version + 1,
          },
          now,
        ),
      ];
    });
    const event = InventoryReleased.create(
      {
        orderId,
        lines: [...reservation.lines],
        reason: held ? reason : 'CANCELLED_AFTER_SALE',
      },
      now,
    );
    try {
      // Released by someone else meanwhile, or the stock changed under the events: read again.
      if (await store.release(reservation, reservation.status, [event, ...backInStock], stock))
        return 'RELEASED';
    } catch (error) {
      if (!(error instanceof StockChangedConcurrentlyError)) throw error;
    }
  }
  throw new StockChangedConcurrentlyError(orderId);
};
