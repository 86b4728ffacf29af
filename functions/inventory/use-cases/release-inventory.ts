import { InventoryReleased, StockAvailabilityChanged } from '../contracts/events.js';
import { crossesZero } from '../domain/stock.js';
import type { InventoryDependencies } from './ports.js';

export type ReleaseOutcome = 'RELEASED' | 'NOTHING_TO_RELEASE';

/**
 * Gives back what an order's reservation holds: held units become available
 * again; units of a committed (sold) reservation go back to stock when the
 * order is cancelled afterwards. Idempotent, and only ever what that order reserved.
 */
export const releaseInventory = async (
  { store, clock }: Pick<InventoryDependencies, 'store' | 'clock'>,
  { orderId, reason = 'COMPENSATION' }: { orderId: string; reason?: 'COMPENSATION' | 'EXPIRED' },
): Promise<ReleaseOutcome> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const reservation = await store.getReservation(orderId);
    if (!reservation || reservation.status === 'RELEASED' || reservation.status === 'FAILED')
      return 'NOTHING_TO_RELEASE';
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
    const moved = await store.release(reservation, reservation.status, [event, ...backInStock]);
    if (moved) return 'RELEASED';
  }
  return 'NOTHING_TO_RELEASE';
};
