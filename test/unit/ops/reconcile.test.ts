import { describe, expect, it } from 'vitest';
import { reconcile, type Snapshot } from '../../../ops/reconcile/invariants.js';
import { formatReconciliation } from '../../../ops/reconcile/report.js';

/** One confirmed and one cancelled order, everything accounted for. */
const healthy = (): Snapshot => ({
  orders: [
    { orderId: 'o-1', status: 'CONFIRMED', total: { amount: 1000 } },
    { orderId: 'o-2', status: 'CANCELLED', total: { amount: 500 } },
  ],
  stock: [{ sku: 'A1', available: 7, received: 10 }],
  reservations: [
    { orderId: 'o-1', status: 'COMMITTED', lines: [{ sku: 'A1', quantity: 3 }] },
    { orderId: 'o-2', status: 'RELEASED', lines: [{ sku: 'A1', quantity: 1 }] },
  ],
  payments: [
    { orderId: 'o-1', status: 'CHARGED', amount: { amount: 1000 }, chargeId: 'ch_1' },
    { orderId: 'o-2', status: 'REFUNDED', amount: { amount: 500 }, chargeId: 'ch_2' },
  ],
  provider: [
    { key: 'o-1:charge', outcome: 'charged', chargeId: 'ch_1', amount: { amount: 1000 } },
    { key: 'o-2:charge', outcome: 'charged', chargeId: 'ch_2', amount: { amount: 500 } },
    { key: 'o-2:refund', outcome: 'refunded' },
  ],
});

describe('reconcile', () => {
  it('finds nothing wrong when every order is settled and every unit and cent is accounted for', () => {
    const result = reconcile(healthy());
    expect(result).toMatchObject({ ordersChecked: 2, skusChecked: 1, violations: [] });
    expect(formatReconciliation(result)).toContain('invariant violations: 0');
  });

  it('reports a parcel shipped for a cancelled order, and for an order it does not know', () => {
    const result = reconcile({
      ...healthy(),
      shipments: [
        { orderId: 'o-1', status: 'SHIPPED' },
        { orderId: 'o-2', status: 'SHIPPED' },
        { orderId: 'o-9', status: 'SHIPPED' },
        { orderId: 'o-8', status: 'CANCELLED' },
      ],
    });
    expect(result.violations).toEqual([
      'order o-2 (CANCELLED) was shipped',
      'shipped parcel of unknown order o-9',
    ]);
  });

  it('checks the money the payment ledger says moved against what the provider did', () => {
    const ledger = [
      { orderId: 'o-1', kind: 'CHARGE', outcome: 'FAILED', amount: { amount: 1000 } },
      {
        orderId: 'o-1',
        kind: 'CHARGE',
        outcome: 'APPROVED',
        amount: { amount: 1000 },
        providerReference: 'ch_1',
      },
      // A retried call the provider answered from its memory: the same charge, counted once.
      {
        orderId: 'o-1',
        kind: 'CHARGE',
        outcome: 'APPROVED',
        amount: { amount: 1000 },
        providerReference: 'ch_1',
      },
      {
        orderId: 'o-2',
        kind: 'CHARGE',
        outcome: 'APPROVED',
        amount: { amount: 500 },
        providerReference: 'ch_2',
      },
      {
        orderId: 'o-2',
        kind: 'REFUND',
        outcome: 'APPROVED',
        amount: { amount: 500 },
        providerReference: 're_2',
      },
    ];
    expect(reconcile({ ...healthy(), ledger }).violations).toEqual([]);
    expect(reconcile({ ...healthy(), ledger: ledger.slice(0, 4) }).violations).toEqual([
      'order o-2: the ledger says charged 500 − refunded 0, the provider 500 − 500',
    ]);
    // A refund whose answer timed out may have gone through: the ledger cannot say, and is not wrong.
    const timedOut = { orderId: 'o-2', kind: 'REFUND', outcome: 'TIMED_OUT', amount: { amount: 500 } };
    expect(reconcile({ ...healthy(), ledger: [...ledger.slice(0, 4), timedOut] }).violations).toEqual([]);
  });

  it('reports an order the saga never finished', () => {
    const snapshot = healthy();
    const result = reconcile({
      ...snapshot,
      orders: [...snapshot.orders, { orderId: 'o-3', status: 'PENDING', total: { amount: 1 } }],
    });
    expect(result.violations).toEqual(['order o-3 is not terminal: PENDING']);
  });

  it('reports a cancelled order whose charge was never refunded', () => {
    const snapshot = healthy();
    const result = reconcile({
      ...snapshot,
      provider: snapshot.provider.filter((entry) => entry.key !== 'o-2:refund'),
    });
    expect(result.violations).toEqual(['order o-2 (CANCELLED): charged 500 − refunded 0 ≠ 0']);
  });

  it('reports a confirmed order that was never charged', () => {
    const snapshot = healthy();
    const result = reconcile({
      ...snapshot,
      provider: snapshot.provider.filter((entry) => entry.key !== 'o-1:charge'),
    });
    expect(result.violations).toContain('order o-1 (CONFIRMED): charged 0 − refunded 0 ≠ 1000');
  });

  it('reports stock that vanished or appeared, and a negative level', () => {
    const snapshot = healthy();
    expect(
      reconcile({ ...snapshot, stock: [{ sku: 'A1', available: -1, received: 10 }] }).violations,
    ).toEqual([
      'sku A1 is negative: available -1',
      'sku A1: available + held + sold = 2, but 10 were put on sale',
    ]);
    expect(reconcile({ ...snapshot, stock: [{ sku: 'A1', available: 9, received: 10 }] }).violations).toEqual(
      ['sku A1: available + held + sold = 12, but 10 were put on sale'],
    );
  });

  it('checks stock warehouse by warehouse: units sold from one and put back into another are reported', () => {
    const split = (eastAvailable: number, mainAvailable: number): Snapshot => ({
      ...healthy(),
      stock: [
        {
          sku: 'A1',
          available: eastAvailable + mainAvailable,
          received: 10,
          warehouses: {
            main: { available: mainAvailable, received: 6 },
            east: { available: eastAvailable, received: 4 },
          },
        },
      ],
      reservations: [
        {
          orderId: 'o-1',
          status: 'COMMITTED',
          lines: [{ sku: 'A1', quantity: 3 }],
          allocations: [
            { sku: 'A1', warehouseId: 'main', quantity: 1 },
            { sku: 'A1', warehouseId: 'east', quantity: 2 },
          ],
        },
      ],
    });
    expect(reconcile(split(2, 5)).violations).toEqual([]);
    expect(reconcile(split(1, 6)).violations).toEqual([
      'sku A1 in warehouse main: available + held + sold = 7, but 6 were put on sale there',
      'sku A1 in warehouse east: available + held + sold = 3, but 4 were put on sale there',
    ]);
  });

  it('reports a reservation still held for a cancelled order, or for an order that does not exist', () => {
    const snapshot = healthy();
    const result = reconcile({
      ...snapshot,
      stock: [{ sku: 'A1', available: 5, received: 10 }],
      reservations: [
        snapshot.reservations[0] ?? { orderId: '', status: '', lines: [] },
        { orderId: 'o-2', status: 'HELD', lines: [{ sku: 'A1', quantity: 1 }] },
        { orderId: 'ghost', status: 'HELD', lines: [{ sku: 'A1', quantity: 1 }] },
      ],
    });
    expect(result.violations).toEqual([
      'order o-2 (CANCELLED) still has its reservation HELD',
      'reservation of unknown order ghost is HELD',
    ]);
  });

  it('lists NEEDS_ATTENTION orders for an operator without counting them as violations', () => {
    const snapshot = healthy();
    const result = reconcile({
      ...snapshot,
      orders: [...snapshot.orders, { orderId: 'o-9', status: 'NEEDS_ATTENTION', total: { amount: 1 } }],
    });
    expect(result).toMatchObject({ needsAttention: ['o-9'], violations: [] });
  });
});
