import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Money } from '../../shared/money.js';
import type { Payment } from '../domain/payment.js';
import type { PaymentCall } from '../domain/payment-call.js';

/**
 * The payment provider. Both calls are idempotent on `idempotencyKey`: the
 * same key answers as the first call did, and moves no money again.
 */
export interface PaymentProvider {
  /**
   * `userId` travels with the charge (a real provider keeps it as metadata),
   * so that a charge the provider reports later can be recorded for its customer.
   * @throws PaymentDeclinedError, ProviderUnavailableError
   */
  charge(request: {
    idempotencyKey: string;
    amount: Money;
    token: string;
    userId: string;
  }): Promise<{ chargeId: string }>;
  /**
   * The charge made under `idempotencyKey`, if any: a charge whose answer
   * never reached us (a timeout) may still have gone through.
   * @throws ProviderUnavailableError
   */
  findCharge(request: { idempotencyKey: string }): Promise<{ chargeId: string; amount: Money } | undefined>;
  /** @throws ProviderUnavailableError */
  refund(request: { idempotencyKey: string; chargeId: string; amount: Money }): Promise<{ refundId: string }>;
}

/** Payments per order; a status change and its events are one write. */
export interface PaymentStore {
  get(orderId: string): Promise<Payment | undefined>;
  /** Writes the payment unless the order has one already; resolves with whether it did. */
  record(payment: Payment, events: readonly DomainEvent[]): Promise<boolean>;
  /** Moves a payment from `from` to its new state; resolves with whether it was still in `from`. */
  update(payment: Payment, from: Payment['status'], events: readonly DomainEvent[]): Promise<boolean>;
}

/** Every call made to the provider, per order: appended, never changed. */
export interface PaymentLedger {
  append(entry: PaymentCall): Promise<void>;
  /**
   * Records an outcome the provider reported, once per report (its
   * `reportId`), with the events it carries, in one write. Resolves false
   * when the report was recorded before: a redelivered webhook.
   */
  report(
    entry: PaymentCall & { readonly reportId: string },
    events: readonly DomainEvent[],
  ): Promise<boolean>;
  /** The order's entries, oldest first. */
  list(orderId: string): Promise<PaymentCall[]>;
}

export interface PaymentsDependencies {
  readonly provider: PaymentProvider;
  readonly payments: PaymentStore;
  readonly clock: () => Date;
}
