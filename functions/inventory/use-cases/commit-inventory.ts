import { ReservationNotHeldError } from '../domain/errors.js';
import type { InventoryDependencies } from './ports.js';

/**
 * The saga sells the order's held units, before it confirms the order: one
 * conditional write of the reservation, read only when that write finds it
 * not HELD. Idempotent. A reservation released already (its hold ran out and
 * the units may have been sold to another order) is refused: the order
 * cannot be confirmed without them, and the saga compensates.
 * @throws ReservationNotHeldError
 */
export const commitInventory = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  { orderId }: { orderId: string },
): Promise<'COMMITTED'> => {
  if (await store.commit(orderId)) return 'COMMITTED';
  const reservation = await store.getReservation(orderId);
  if (reservation?.status === 'COMMITTED') return 'COMMITTED';
  throw new ReservationNotHeldError(orderId, reservation?.status ?? 'missing');
};
