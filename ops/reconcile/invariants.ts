/**
 * The shop's invariants after any run, checked on a snapshot of the orders,
 * inventory and payments tables (and the payment provider's own record), and
 * of the shipping table when it is read.
 * Pure: the snapshot is read elsewhere, so the rules are testable on their own.
 */

import type { Allocation } from '../../functions/inventory/contracts/warehouses.js';
import { allocationsOf } from '../../functions/inventory/domain/stock.js';
import type { CancellationReason, OrderStatus } from '../../functions/orders/contracts/vocabulary.js';
import { isSettled } from '../../functions/orders/domain/order.js';

export interface MoneySnapshot {
  readonly amount: number;
}

export interface Snapshot {
  readonly orders: readonly {
    readonly orderId: string;
    readonly status: OrderStatus;
    readonly total: MoneySnapshot;
    readonly cancellationReason?: CancellationReason;
  }[];
  readonly stock: readonly {
    readonly sku: string;
    readonly available: number;
    readonly received?: number;
    /** Per warehouse; absent on items written before warehouses (all in main). */
    readonly warehouses?: Readonly<Record<string, { readonly available: number; readonly received: number }>>;
  }[];
  readonly reservations: readonly {
    readonly orderId: string;
    readonly status: string;
    readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
    /** Where the units are held; absent on reservations made before warehouses (all in main). */
    readonly allocations?: readonly Allocation[];
  }[];
  /** What payments recorded per order. */
  readonly payments: readonly {
    readonly orderId: string;
    readonly status: string;
    readonly amount: MoneySnapshot;
    readonly chargeId?: string;
  }[];
  /** What the payment provider did, by idempotency key (`<orderId>:charge`, `<orderId>:refund`). */
  readonly provider: readonly {
    readonly key: string;
    readonly outcome: string;
    readonly chargeId?: string;
    readonly amount?: MoneySnapshot;
  }[];
  /**
   * The payments service's ledger of calls to the provider, when it is read:
   * the money it says moved (each approved charge and refund once, by the
   * provider's reference) must be what the provider did.
   */
  readonly ledger?: readonly {
    readonly orderId: string;
    readonly kind: string;
    readonly outcome: string;
    readonly amount: MoneySnapshot;
    readonly providerReference?: string;
  }[];
  /** Shipping's shipments, when its table is read: a parcel that left must belong to a kept order. */
  readonly shipments?: readonly { readonly orderId: string; readonly status: string }[];
}

export interface Reconciliation {
  readonly ordersChecked: number;
  readonly skusChecked: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Orders an operator must settle: reported, not counted as violations. */
  readonly needsAttention: readonly string[];
  readonly violations: readonly string[];
}

/** Orders the shop keeps: their money and stock are the shop's. */
const KEPT = new Set<OrderStatus>(['CONFIRMED', 'SHIPPED', 'DELIVERED']);

/** Shipments whose parcel left and has not come back: their orders are kept. */
const ON_ITS_WAY = new Set(['SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERY_FAILED', 'DELIVERED']);

const sumBySku = (reservations: Snapshot['reservations'], status: string) => {
  const sums = new Map<string, number>();
  for (const reservation of reservations.filter((candidate) => candidate.status === status))
    for (const { sku, quantity } of reservation.lines) sums.set(sku, (sums.get(sku) ?? 0) + quantity);
  return sums;
};

/**
 * What the ledger says moved per order: each approved charge and refund
 * counted once by the provider's reference, since a retried call the provider
 * answered from its memory is approved again under the same reference; and
 * the kinds with a call whose outcome is unknown.
 */
const movedByLedger = (calls: NonNullable<Snapshot['ledger']>) => {
  const moved = new Map<string, { charged: number; refunded: number; uncertain: Set<string> }>();
  const seen = new Set<string>();
  for (const call of calls) {
    const sums = moved.get(call.orderId) ?? { charged: 0, refunded: 0, uncertain: new Set<string>() };
    moved.set(call.orderId, sums);
    // A call that failed or timed out may have moved money all the same: its kind is unsure.
    if (call.outcome === 'FAILED' || call.outcome === 'TIMED_OUT') sums.uncertain.add(call.kind);
    if (call.outcome !== 'APPROVED' || !call.providerReference) continue;
    const reference = `${call.kind}:${call.providerReference}`;
    if (seen.has(reference)) continue;
    seen.add(reference);
    if (call.kind === 'CHARGE') sums.charged += call.amount.amount;
    else sums.refunded += call.amount.amount;
  }
  return moved;
};

/**
 * Whether the ledger agrees with the provider: exactly, or, for a kind with
 * a call that failed or timed out, the provider having moved at least what
 * the approved calls say.
 */
const agrees = (inLedger: number, byProvider: number, unsure: boolean) =>
  unsure ? inLedger <= byProvider : inLedger === byProvider;

export const reconcile = (snapshot: Snapshot): Reconciliation => {
  const violations: string[] = [];
  const orders = new Map(snapshot.orders.map((order) => [order.orderId, order]));
  const reservations = new Map(
    snapshot.reservations.map((reservation) => [reservation.orderId, reservation]),
  );
  const payments = new Map(snapshot.payments.map((payment) => [payment.orderId, payment]));
  const provider = new Map(snapshot.provider.map((entry) => [entry.key, entry]));
  const ledger = snapshot.ledger && movedByLedger(snapshot.ledger);
  const byStatus: Record<string, number> = {};
  const needsAttention: string[] = [];

  for (const order of snapshot.orders) {
    byStatus[order.status] = (byStatus[order.status] ?? 0) + 1;
    if (!isSettled(order.status)) {
      violations.push(`order ${order.orderId} is not terminal: ${order.status}`);
      continue;
    }
    if (order.status === 'NEEDS_ATTENTION') {
      needsAttention.push(order.orderId);
      continue;
    }
    // Money: what the provider charged minus what it refunded.
    const charge = provider.get(`${order.orderId}:charge`);
    const refund = provider.get(`${order.orderId}:refund`);
    const charged = charge?.outcome === 'charged' ? (charge.amount?.amount ?? 0) : 0;
    const refunded = charge?.outcome === 'charged' && refund?.outcome === 'refunded' ? charged : 0;
    const expected = KEPT.has(order.status) ? order.total.amount : 0;
    if (charged - refunded !== expected)
      violations.push(
        `order ${order.orderId} (${order.status}): charged ${charged} − refunded ${refunded} ≠ ${expected}`,
      );
    const inLedger = ledger?.get(order.orderId) ?? { charged: 0, refunded: 0, uncertain: new Set<string>() };
    if (
      ledger &&
      !(
        agrees(inLedger.charged, charged, inLedger.uncertain.has('CHARGE')) &&
        agrees(inLedger.refunded, refunded, inLedger.uncertain.has('REFUND'))
      )
    )
      violations.push(
        `order ${order.orderId}: the ledger says charged ${inLedger.charged} − refunded ${inLedger.refunded}, the provider ${charged} − ${refunded}`,
      );
    const payment = payments.get(order.orderId);
    if (charge?.outcome === 'charged' && payment?.chargeId !== charge.chargeId)
      violations.push(
        `order ${order.orderId}: the provider's charge ${charge.chargeId} is not the one recorded`,
      );
    // Stock: a kept order's units are sold; a cancelled order holds none.
    const reservation = reservations.get(order.orderId);
    if (KEPT.has(order.status) && reservation?.status !== 'COMMITTED')
      violations.push(
        `order ${order.orderId} (${order.status}): reservation ${reservation?.status ?? 'missing'}`,
      );
    if (
      order.status === 'CANCELLED' &&
      (reservation?.status === 'HELD' || reservation?.status === 'COMMITTED')
    )
      violations.push(`order ${order.orderId} (CANCELLED) still has its reservation ${reservation.status}`);
  }

  for (const reservation of snapshot.reservations) {
    if (
      !orders.has(reservation.orderId) &&
      reservation.status !== 'RELEASED' &&
      reservation.status !== 'FAILED'
    )
      violations.push(`reservation of unknown order ${reservation.orderId} is ${reservation.status}`);
  }
  for (const payment of snapshot.payments) {
    if (!orders.has(payment.orderId)) violations.push(`payment of unknown order ${payment.orderId}`);
  }
  const shipments = snapshot.shipments && new Map(snapshot.shipments.map((s) => [s.orderId, s.status]));
  for (const shipment of snapshot.shipments ?? []) {
    if (!ON_ITS_WAY.has(shipment.status) && shipment.status !== 'RETURNED') continue;
    const order = orders.get(shipment.orderId);
    if (!order) violations.push(`shipped parcel of unknown order ${shipment.orderId}`);
    else if (order.status === 'NEEDS_ATTENTION') continue;
    else if (ON_ITS_WAY.has(shipment.status) && !KEPT.has(order.status))
      violations.push(`order ${order.orderId} (${order.status}) was shipped`);
    else if (shipment.status === 'DELIVERED' && order.status !== 'DELIVERED')
      violations.push(`order ${order.orderId} (${order.status}): its parcel was delivered`);
    else if (shipment.status === 'RETURNED' && order.cancellationReason !== 'RETURNED')
      violations.push(
        `order ${order.orderId} (${order.status}): its parcel came back, yet it is not RETURNED`,
      );
  }
  // Orders' view of the parcel agrees with shipping's, when shipping's table is read.
  for (const order of shipments ? snapshot.orders : []) {
    const shipment = shipments?.get(order.orderId);
    if (order.status === 'DELIVERED' && shipment !== 'DELIVERED')
      violations.push(`order ${order.orderId} (DELIVERED): its parcel is ${shipment ?? 'missing'}`);
    if (order.cancellationReason === 'RETURNED' && shipment !== 'RETURNED')
      violations.push(`order ${order.orderId} (RETURNED): its parcel is ${shipment ?? 'missing'}`);
  }

  const held = sumBySku(snapshot.reservations, 'HELD');
  const sold = sumBySku(snapshot.reservations, 'COMMITTED');
  const perWarehouse = new Map<string, Map<string, number>>();
  for (const reservation of snapshot.reservations.filter(
    (candidate) => candidate.status === 'HELD' || candidate.status === 'COMMITTED',
  ))
    for (const { sku, warehouseId, quantity } of allocationsOf(reservation)) {
      const bySku = perWarehouse.get(sku) ?? new Map<string, number>();
      bySku.set(warehouseId, (bySku.get(warehouseId) ?? 0) + quantity);
      perWarehouse.set(sku, bySku);
    }
  const heldOrSoldIn = (sku: string) => perWarehouse.get(sku) ?? new Map<string, number>();
  for (const item of snapshot.stock) {
    if (item.available < 0) violations.push(`sku ${item.sku} is negative: available ${item.available}`);
    if (item.received !== undefined) {
      const accounted = item.available + (held.get(item.sku) ?? 0) + (sold.get(item.sku) ?? 0);
      if (accounted !== item.received)
        violations.push(
          `sku ${item.sku}: available + held + sold = ${accounted}, but ${item.received} were put on sale`,
        );
    }
    // The same, warehouse by warehouse: units leave from and come back to the warehouse they were held in.
    const warehouses = item.warehouses ?? {};
    const ids = new Set([...Object.keys(warehouses), ...heldOrSoldIn(item.sku).keys()]);
    for (const id of ids) {
      const counts = warehouses[id] ?? { available: 0, received: 0 };
      if (counts.available < 0)
        violations.push(`sku ${item.sku} is negative in warehouse ${id}: available ${counts.available}`);
      if (item.warehouses === undefined) continue;
      const accounted = counts.available + (heldOrSoldIn(item.sku).get(id) ?? 0);
      if (accounted !== counts.received)
        violations.push(
          `sku ${item.sku} in warehouse ${id}: available + held + sold = ${accounted}, but ${counts.received} were put on sale there`,
        );
    }
    const total = Object.values(warehouses).reduce((sum, counts) => sum + counts.available, 0);
    if (item.warehouses !== undefined && total !== item.available)
      violations.push(
        `sku ${item.sku}: its warehouses hold ${total} available, its total says ${item.available}`,
      );
  }

  return {
    ordersChecked: snapshot.orders.length,
    skusChecked: snapshot.stock.length,
    byStatus,
    needsAttention,
    violations,
  };
};
