import { InventoryReleased } from '../contracts/events.js';
import type { InventoryDependencies } from './ports.js';

export type ReleaseOutcome = 'RELEASED' | 'NOTHING_TO_RELEASE';

/**
 * Gives back what an order's reservation holds: held units become available
 * again; units of a committed (sold) reservation go back to stock when the
 * order is cancelled afterwards. Idempotent, and only ever what that order reserved.
 */
export const releaseInventory = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  { orderId, reason = 'COMPENSATION' }: { orderId: string; reason?: 'COMPENSATION' | 'EXPIRED' },
): Promise<ReleaseOutcome> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const reservation = await store.getReservation(orderId);
    if (!reservation || reservation.status === 'RELEASED' || reservation.status === 'FAILED')
      return 'NOTHING_TO_RELEASE';
    const held = reservation.status === 'HELD';
    const event = InventoryReleased.create({
      orderId,
      lines: [...reservation.lines],
      reason: held ? reason : 'CANCELLED_AFTER_SALE',
    });
    const moved = await store.transition(
      reservation,
      reservation.status,
      'RELEASED',
      held ? { available: 1, reserved: -1 } : { available: 1, reserved: 0 },
      [event],
    );
    if (moved) return 'RELEASED';
  }
  return 'NOTHING_TO_RELEASE';
};
