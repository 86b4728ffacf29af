import type { InventoryDependencies } from './ports.js';
import { releaseInventory } from './release-inventory.js';

const BATCH = 100;
/** Batches one sweep releases at most; the next sweep, minutes later, goes on where it stopped. */
const MAX_BATCHES = 20;

/** Releases every reservation whose hold ran out, so stock cannot leak into orders that never finished. */
export const releaseExpiredHolds = async (
  deps: Pick<InventoryDependencies, 'store' | 'clock'>,
): Promise<number> => {
  let released = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const expired = await deps.store.expiredHolds(deps.clock(), BATCH);
    for (const reservation of expired) {
      if ((await releaseInventory(deps, { orderId: reservation.orderId, reason: 'EXPIRED' })) === 'RELEASED')
        released++;
    }
    if (expired.length < BATCH) break;
  }
  return released;
};
