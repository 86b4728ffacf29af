import { ReservationNotHeldError } from '../domain/errors.js';
import type { InventoryDependencies } from './ports.js';

/** The order is confirmed: its held units are sold. Idempotent. */
export const commitInventory = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  { orderId }: { orderId: string },
) => {
  const reservation = await store.getReservation(orderId);
  if (reservation?.status === 'COMMITTED') return;
  if (reservation?.status !== 'HELD')
    throw new ReservationNotHeldError(orderId, reservation?.status ?? 'missing');
  const moved = await store.transition(reservation, 'HELD', 'COMMITTED', { available: 0, reserved: -1 }, []);
  if (!moved) {
    const now = await store.getReservation(orderId);
    if (now?.status !== 'COMMITTED') throw new ReservationNotHeldError(orderId, now?.status ?? 'missing');
  }
};
