import { ReservationNotHeldError } from '../domain/errors.js';
import { type Allocation, allocationsOf } from '../domain/stock.js';
import type { InventoryDependencies } from './ports.js';

/**
 * The saga sells the order's held units, and learns where they leave from, before it confirms the order: one
 * conditional write of the reservation, read only when that write finds it
 * not HELD. Idempotent. A reservation released already (its hold ran out and
 * the units may have been sold to another order) is refused: the order
 * cannot be confirmed without them, and the saga compensates.
 * @throws ReservationNotHeldError
 */
export const commitInventory = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  { orderId }: { orderId: string },
): Promise<{ outcome: 'COMMITTED'; shipFrom: Allocation[] }> => {
  const committed = await store.commit(orderId);
  if (committed) return { outcome: 'COMMITTED', shipFrom: [...allocationsOf(committed)] };
  const reservation = await store.getReservation(orderId);
  if (reservation?.status === 'COMMITTED')
    return { outcome: 'COMMITTED', shipFrom: [...allocationsOf(reservation)] };
  throw new ReservationNotHeldError(orderId, reservation?.status ?? 'missing');
};
