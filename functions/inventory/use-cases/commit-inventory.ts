import { ReservationNotHeldError } from '../domain/errors.js';
import type { InventoryDependencies } from './ports.js';

export type CommitOutcome = 'COMMITTED' | 'ALREADY_RELEASED';

/**
 * The order is confirmed: its held units are sold. Idempotent. A reservation
 * released already (the order was cancelled before this arrived) stays
 * released: that is the later decision.
 */
export const commitInventory = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  { orderId }: { orderId: string },
): Promise<CommitOutcome> => {
  const reservation = await store.getReservation(orderId);
  if (reservation?.status === 'COMMITTED') return 'COMMITTED';
  if (reservation?.status === 'RELEASED') return 'ALREADY_RELEASED';
  if (reservation?.status !== 'HELD')
    throw new ReservationNotHeldError(orderId, reservation?.status ?? 'missing');
  const moved = await store.transition(reservation, 'HELD', 'COMMITTED', { available: 0, reserved: -1 }, []);
  if (moved) return 'COMMITTED';
  return commitInventory({ store }, { orderId });
};
