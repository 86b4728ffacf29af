import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../../../functions/orders/domain/errors.js';
import {
  awaitsOutcome,
  cancellableFrom,
  canMove,
  customerMayCancel,
  decideAbandonment,
  isSettled,
  MAX_QUANTITY_PER_SKU,
  mayChangeAddress,
  mergeRequestedItems,
  type Order,
  type OrderStatus,
  priceOrder,
  withStatus,
} from '../../../../functions/orders/domain/order.js';
import { MAX_AMOUNT, money } from '../../../../functions/shared/money.js';
import { order } from '../../../support/orders/order-store-contract.js';

const catalog = new Map([
  ['A1', { name: 'Apple', price: money(150) }],
  ['B2', { name: 'Bread', price: money(320) }],
]);

describe('order status', () => {
  it.each<[OrderStatus, OrderStatus, boolean]>([
    ['PENDING', 'CONFIRMED', true],
    ['PENDING', 'CANCELLED', true],
    ['PENDING', 'NEEDS_ATTENTION', true],
    ['PENDING', 'SHIPPED', false],
    ['CONFIRMED', 'SHIPPED', true],
    ['CONFIRMED', 'CANCELLED', true],
    ['CONFIRMED', 'PENDING', false],
    ['CONFIRMED', 'DELIVERED', true],
    ['SHIPPED', 'DELIVERED', true],
    ['SHIPPED', 'CANCELLED', true],
    ['SHIPPED', 'CONFIRMED', false],
    ['DELIVERED', 'CANCELLED', false],
    ['DELIVERED', 'SHIPPED', false],
    ['CANCELLED', 'CONFIRMED', false],
    ['NEEDS_ATTENTION', 'CANCELLED', true],
  ])('moves from %s to %s: %s', (from, to, allowed) => {
    expect(canMove(from, to)).toBe(allowed);
  });

  it('changes status only as the transition table allows, keeping a due time only while awaiting an outcome', () => {
    const pending: Order = {
      ...order('o-1', 'u-1', '2026-12-05T10:00:00.000Z'),
      dueAt: '2026-12-05T10:07:00.000Z',
    };
    const confirmed = withStatus(pending, 'CONFIRMED');
    expect(confirmed.status).toBe('CONFIRMED');
    expect(confirmed.dueAt).toBeUndefined();
    expect(() => withStatus(pending, 'SHIPPED')).toThrow(IllegalTransitionError);
    expect(() => withStatus({ ...confirmed, status: 'SHIPPED' }, 'CONFIRMED')).toThrow(
      IllegalTransitionError,
    );
    expect(() => withStatus({ ...confirmed, status: 'DELIVERED' }, 'CANCELLED')).toThrow(
      IllegalTransitionError,
    );
    expect(() => withStatus(confirmed, 'CONFIRMED')).toThrow(IllegalTransitionError);
  });

  it('is settled once the saga has moved it on from PENDING', () => {
    expect(isSettled('PENDING')).toBe(false);
    for (const status of ['CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'NEEDS_ATTENTION'] as const)
      expect(isSettled(status)).toBe(true);
  });

  it('lets a customer cancel only a confirmed order that shipping has not claimed', () => {
    expect(customerMayCancel({ status: 'CONFIRMED' })).toBe(true);
    expect(customerMayCancel({ status: 'CONFIRMED', shipmentClaimedAt: '2026-11-22T10:00:00.000Z' })).toBe(
      false,
    );
    for (const status of ['PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'NEEDS_ATTENTION'] as const)
      expect(customerMayCancel({ status })).toBe(false);
  });

  it('lets a customer change the address only while the order waits for its saga or to ship', () => {
    const at = '2026-11-22T10:00:00.000Z';
    expect(mayChangeAddress({ status: 'PENDING' })).toBe(true);
    expect(mayChangeAddress({ status: 'CONFIRMED' })).toBe(true);
    expect(mayChangeAddress({ status: 'CONFIRMED', shipmentClaimedAt: at })).toBe(false);
    expect(mayChangeAddress({ status: 'CONFIRMED', cancelRequestedAt: at })).toBe(false);
    expect(mayChangeAddress({ status: 'PENDING', abandonedAt: at })).toBe(false);
    for (const status of ['SHIPPED', 'DELIVERED', 'CANCELLED', 'NEEDS_ATTENTION'] as const)
      expect(mayChangeAddress({ status })).toBe(false);
  });

  it('compensates a shipped order only in the cancellation its return asked for; never a delivered one', () => {
    const at = '2026-11-22T10:00:00.000Z';
    expect(decideAbandonment({ status: 'SHIPPED' }, true)).toBe('KEEP');
    expect(decideAbandonment({ status: 'SHIPPED', cancelRequestedAt: at }, false)).toBe('KEEP');
    expect(decideAbandonment({ status: 'SHIPPED', cancelRequestedAt: at }, true)).toBe('COMPENSATE');
    expect(cancellableFrom({ status: 'SHIPPED', cancelRequestedAt: at }, true)).toBe('SHIPPED');
    expect(cancellableFrom({ status: 'SHIPPED' }, true)).toBeUndefined();
    expect(decideAbandonment({ status: 'DELIVERED', cancelRequestedAt: at }, true)).toBe('KEEP');
    expect(awaitsOutcome({ status: 'SHIPPED', cancelRequestedAt: at })).toBe(true);
    expect(awaitsOutcome({ status: 'SHIPPED' })).toBe(false);
  });
});

describe('pricing an order', () => {
  it('merges repeated skus in first-seen order', () => {
    expect(
      mergeRequestedItems([
        { sku: 'B2', quantity: 1 },
        { sku: 'A1', quantity: 2 },
        { sku: 'B2', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'B2', quantity: 4 },
      { sku: 'A1', quantity: 2 },
    ]);
  });

  it('prices lines at catalog prices and totals them in minor units', () => {
    expect(
      priceOrder(
        [
          { sku: 'A1', quantity: 3 },
          { sku: 'B2', quantity: 1 },
        ],
        catalog,
      ),
    ).toEqual({
      ok: true,
      lines: [
        { sku: 'A1', name: 'Apple', quantity: 3, unitPrice: money(150) },
        { sku: 'B2', name: 'Bread', quantity: 1, unitPrice: money(320) },
      ],
      total: money(770),
    });
  });

  it('refuses skus the catalog does not know', () => {
    expect(
      priceOrder(
        [
          { sku: 'A1', quantity: 1 },
          { sku: 'GONE', quantity: 1 },
        ],
        catalog,
      ),
    ).toEqual({
      ok: false,
      unknownSkus: ['GONE'],
      overLimitSkus: [],
      totalOverLimit: false,
    });
  });

  it(`refuses more than ${MAX_QUANTITY_PER_SKU} of one sku once repeated lines are merged`, () => {
    expect(
      priceOrder(
        [
          { sku: 'A1', quantity: 6 },
          { sku: 'A1', quantity: 5 },
        ],
        catalog,
      ),
    ).toMatchObject({ ok: false, overLimitSkus: ['A1'] });
  });

  it('refuses lines that are each orderable but together cost more than any amount may be', () => {
    const dear = new Map([['GOLD', { name: 'Gold bar', price: money(MAX_AMOUNT / 5) }]]);
    expect(priceOrder([{ sku: 'GOLD', quantity: 5 }], dear)).toMatchObject({
      ok: true,
      total: money(MAX_AMOUNT),
    });
    expect(priceOrder([{ sku: 'GOLD', quantity: 6 }], dear)).toEqual({
      ok: false,
      unknownSkus: [],
      overLimitSkus: [],
      totalOverLimit: true,
    });
  });
});
