import { isDeepStrictEqual } from 'node:util';
import { reconcile, type Snapshot } from '../ops/reconcile/invariants.js';
import { SKUS, type World } from './world.js';

/** The shop's tables as the reconciliation reads them, from the simulated stores. */
export const snapshotOf = (world: World): Snapshot => ({
  orders: [...world.orders.orders.values()],
  stock: [...world.inventory.stock.entries()].map(([sku, item]) => ({ ...item, sku })),
  reservations: [...world.inventory.reservations.values()],
  payments: [...world.payments.payments.values()],
  provider: [...world.ledger.entries.values()],
  shipments: [...world.shipments.shipments.values()],
});

/**
 * What must hold once the shop is quiet, whatever the schedule.
 * (The operators' runbook settles what was set aside before this is read;
 * an order the stalled-order sweep had to set aside counts as the shop
 * failing by itself, unless the schedule stopped its executions.)
 * Safety: the reconciliation's invariants (every order terminal; stock never
 * negative and conserved; no hold for a cancelled order; a kept order's
 * units sold once; charged − refunded = total for a kept order, 0 for a
 * cancelled one; a parcel shipped only for a kept order, delivered only for
 * a delivered one, returned only for one cancelled as RETURNED); a parcel
 * sent to the order's address as it is; at most one charge
 * per order; the catalog's availability true to the stock; no request
 * answered 500. Liveness: no order left for an operator after the
 * runbooks; no cancellation request left hanging; every parked event
 * redriven; every execution ended.
 */
export const violationsOf = (world: World): string[] => {
  const snapshot = snapshotOf(world);
  const { violations, needsAttention } = reconcile(snapshot);
  const found = [...violations];
  for (const orderId of needsAttention)
    found.push(`order ${orderId} is still NEEDS_ATTENTION after the operators followed the runbook`);
  for (const order of world.orders.orders.values()) {
    if ((order.status === 'CONFIRMED' || order.status === 'SHIPPED') && order.cancelRequestedAt)
      found.push(`order ${order.orderId}: its requested cancellation was left hanging`);
    // An address change and a shipment never interleave badly: the parcel goes where the order says.
    const shipment = world.shipments.shipments.get(order.orderId);
    if (shipment?.shippingAddress && !isDeepStrictEqual(shipment.shippingAddress, order.shippingAddress))
      found.push(`order ${order.orderId}'s parcel left for an address the order no longer has`);
    const charges = snapshot.provider.filter(
      (entry) => entry.key.startsWith(order.orderId) && entry.outcome === 'charged',
    );
    if (charges.length > 1) found.push(`order ${order.orderId} was charged ${charges.length} times`);
  }
  // The stalled-order sweep sets an order aside only when attempt after attempt failed to decide it:
  // without executions of its stopped by the schedule, that is the shop failing to settle it by itself.
  for (const event of world.orders.outbox) {
    const { orderId, error } = event.detail.data as { orderId: string; error?: string };
    if (
      event.detailType === 'OrderNeedsAttention' &&
      error?.startsWith('Stalled') &&
      !world.stoppedOrders.has(orderId)
    )
      found.push(
        `order ${orderId} stalled until it was set aside, though none of its executions was stopped`,
      );
  }
  for (const sku of SKUS) {
    const product = world.catalog.products.get(sku);
    const available = world.inventory.stock.get(sku)?.available ?? 0;
    if (product && product.inStock !== available > 0)
      found.push(
        `the catalog says ${sku} is ${product.inStock ? 'in' : 'out of'} stock; ${available} available`,
      );
  }
  found.push(...world.serverErrors);
  if (world.parked.length > 0) found.push(`${world.parked.length} events still parked in dead-letter queues`);
  if (world.runningExecutions > 0) found.push(`${world.runningExecutions} executions never ended`);
  return found;
};
