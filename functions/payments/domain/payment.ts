import type { Money } from '../../shared/money.js';

/**
 * CHARGED, DECLINED, REFUNDED; VOIDED: the order was given up before any
 * charge, so none may be made for it any more (a late one is given back).
 */
export type PaymentStatus = 'CHARGED' | 'DECLINED' | 'REFUNDED' | 'VOIDED';

/** What payments knows of one order's money: at most one charge, at most one refund. */
export interface Payment {
  readonly orderId: string;
  /** The customer the order belongs to, so payment events can reach them. */
  readonly userId: string;
  readonly amount: Money;
  readonly status: PaymentStatus;
  readonly chargeId?: string;
  readonly refundId?: string;
  readonly declineCode?: string;
  readonly updatedAt: string;
}

/**
 * The provider sees one idempotency key per order and operation, so a
 * retried call can never charge or refund twice.
 */
export const idempotencyKey = (orderId: string, operation: 'charge' | 'refund'): string =>
  `${orderId}:${operation}`;
