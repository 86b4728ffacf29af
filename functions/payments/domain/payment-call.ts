import type { Money } from '../../shared/money.js';

/** CHARGE and REFUND: money moved by our calls; DISPUTE: a customer's bank took it back, or tries to. */
export type PaymentCallKind = 'CHARGE' | 'REFUND' | 'DISPUTE';
/**
 * APPROVED: money moved (or was given back); DECLINED: the provider refused;
 * FAILED, TIMED_OUT: no answer to rely on (or, reported, a refund that failed
 * after it was accepted); OPENED, WON, LOST: a dispute's course.
 */
export type PaymentCallOutcome = 'APPROVED' | 'DECLINED' | 'FAILED' | 'TIMED_OUT' | 'OPENED' | 'WON' | 'LOST';

/**
 * One call made to the payment provider for an order, as it ended, or one
 * outcome the provider reported later on its own (its webhook): `reportId`
 * is then the provider's id of that report. Never changed once written.
 */
export interface PaymentCall {
  readonly orderId: string;
  readonly at: string;
  readonly kind: PaymentCallKind;
  readonly outcome: PaymentCallOutcome;
  readonly amount: Money;
  /** The provider's id of the charge, refund or dispute, when it gave one. */
  readonly providerReference?: string;
  /** Set when the provider reported this (a webhook event's id), not a call of ours. */
  readonly reportId?: string;
  /** The provider's reason, for reported outcomes (a refund's failure, a dispute's reason). */
  readonly reason?: string;
}

/** The order a provider idempotency key was made for (`idempotencyKey`: `<orderId>:<operation>`). */
export const orderOfKey = (key: string): string => key.slice(0, key.lastIndexOf(':'));

/**
 * The entries oldest first, each call numbered among the calls of its kind:
 * its attempt. An outcome the provider reported concerns the latest call of
 * its kind, and carries that call's number.
 */
export const withAttempts = (entries: readonly PaymentCall[]) => {
  const counts: Partial<Record<PaymentCallKind, number>> = {};
  return [...entries]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((entry) => {
      if (entry.reportId === undefined) counts[entry.kind] = (counts[entry.kind] ?? 0) + 1;
      return { ...entry, attempt: Math.max(counts[entry.kind] ?? 1, 1) };
    });
};
