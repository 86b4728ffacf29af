import type { Money } from '../../shared/money.js';

export type PaymentCallKind = 'CHARGE' | 'REFUND';
/** APPROVED: money moved (or was given back); DECLINED: the provider refused; FAILED, TIMED_OUT: no answer to rely on. */
export type PaymentCallOutcome = 'APPROVED' | 'DECLINED' | 'FAILED' | 'TIMED_OUT';

/** One call made to the payment provider for an order, as it ended. Never changed once written. */
export interface PaymentCall {
  readonly orderId: string;
  readonly at: string;
  readonly kind: PaymentCallKind;
  readonly outcome: PaymentCallOutcome;
  readonly amount: Money;
  /** The provider's id of the charge or refund, when it gave one. */
  readonly providerReference?: string;
}

/** The order a provider idempotency key was made for (`idempotencyKey`: `<orderId>:<operation>`). */
export const orderOfKey = (key: string): string => key.slice(0, key.lastIndexOf(':'));

/** The entries oldest first, each numbered among the calls of its kind: its attempt. */
export const withAttempts = (entries: readonly PaymentCall[]) => {
  const counts: Partial<Record<PaymentCallKind, number>> = {};
  return [...entries]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((entry) => {
      counts[entry.kind] = (counts[entry.kind] ?? 0) + 1;
      return { ...entry, attempt: counts[entry.kind] ?? 1 };
    });
};
