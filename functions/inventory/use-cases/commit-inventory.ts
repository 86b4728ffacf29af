import { ReservationNotHeldError } from '../domain/errors.js';
import type { InventoryDependencies } from './ports.js';

export type CommitOutcome = 'COMMITTED' | 'ALREADY_RELEASED';

/**
 * The order is confirmed: its held units are sold. One conditional write of
 * the reservation; it is read only when that write finds it not HELD.
 * Idempotent. A reservation released already (the order was cancelled
 * before this arrived) stays released: that is the later decision.
 */
export const commitInventory = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  { orderId }: { orderId: string },
): Promise<CommitOutcome> => {
  if (await store.commit(orderId)) return 'COMMITTED';
  const reservation = await store.getReservation(orderId);
  if (reservation?.status === 'COMMITTED') return 'COMMITTED';
  if (reservation?.status === 'RELEASED') return 'ALREADY_RELEASED';
  throw new ReservationNotHeldError(orderId, reservation?.status ?? 'missing');
};
