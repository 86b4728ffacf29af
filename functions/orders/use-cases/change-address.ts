import { isDeepStrictEqual } from 'node:util';
import { OrderAddressChanged } from '../contracts/events.js';
import type { OrderView } from '../contracts/schemas.js';
import { AddressNotChangeableError, OrderNotFoundError } from '../domain/errors.js';
import { mayChangeAddress, type Order, type ShippingAddress } from '../domain/order.js';
import { historyEntryOf } from './history.js';
import { onFreshOrder } from './order-changes.js';
import type { OrdersDependencies } from './ports.js';
import { toOrderView } from './read-orders.js';

const describe = (order: Order) => {
  if (order.status !== 'PENDING' && order.status !== 'CONFIRMED') return order.status;
  return order.shipmentClaimedAt ? 'being shipped' : 'being cancelled';
};

/**
 * The customer gives the order a new shipping address while it waits for
 * its saga or to ship. The write holds the same conditions as the check
 * (`mayChangeAddress`): once shipping claims the order, or its cancellation
 * starts, the address stays as it was and the customer gets 409. The same
 * address again changes nothing and is answered the same.
 * @throws OrderNotFoundError, AddressNotChangeableError
 */
export const changeAddress = (
  deps: Pick<OrdersDependencies, 'orders' | 'clock'>,
  userId: string,
  orderId: string,
  shippingAddress: ShippingAddress,
): Promise<OrderView> =>
  onFreshOrder(deps, orderId, async (order) => {
    // Anyone else's order is as absent as one that does not exist.
    if (order.userId !== userId) throw new OrderNotFoundError();
    if (!mayChangeAddress(order)) throw new AddressNotChangeableError(describe(order));
    if (isDeepStrictEqual(order.shippingAddress, shippingAddress)) return toOrderView(order);
    const now = deps.clock();
    const event = OrderAddressChanged.create({ orderId, userId }, now);
    const next: Order = { ...order, shippingAddress, updatedAt: now.toISOString() };
    return (await deps.orders.changeAddress(next, [event], [historyEntryOf(event)]))
      ? toOrderView(next)
      : undefined;
  });
