import { ConflictError, InvalidInputError, TransientError } from '../../shared/errors.js';

/** The provider refused the card: a business failure, never retried. */
export class PaymentDeclinedError extends ConflictError {
  readonly slug = 'payment-declined';
  constructor(readonly declineCode: string) {
    super(`The payment was declined (${declineCode}).`);
  }
}

/** The provider did not answer in time or failed: retrying may succeed. */
export class ProviderUnavailableError extends TransientError {
  readonly slug = 'payment-provider-unavailable';
}

/** The provider did not answer within the time the caller waits: the call may still have gone through. */
export class ProviderTimedOutError extends ProviderUnavailableError {}

/** The circuit is open: calls fail fast until the provider has had time to recover. */
export class CircuitOpenError extends TransientError {
  readonly slug = 'payment-provider-circuit-open';
  constructor() {
    super('The payment provider is failing; calls are paused for a moment.');
  }
}

/** The order's payment was voided (the order given up) before this charge: a business refusal, never retried. */
export class PaymentVoidedError extends ConflictError {
  readonly slug = 'payment-voided';
  constructor(orderId: string) {
    super(`The payment of order ${orderId} was voided; it is not charged.`);
  }
}

/** The payment kept changing under a conditional write: retry later. */
export class PaymentChangedConcurrentlyError extends TransientError {
  readonly slug = 'payment-changed-concurrently';
  constructor(orderId: string) {
    super(`The payment of order ${orderId} kept changing concurrently; try again.`);
  }
}

/** A webhook whose signature is missing or does not check out: not the provider's, and nothing is done. */
export class InvalidWebhookSignatureError extends InvalidInputError {
  readonly slug = 'invalid-webhook-signature';
  constructor() {
    super("The webhook's signature does not check out.");
  }
}
