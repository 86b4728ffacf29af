import type { Money } from '../../shared/money.js';
import { CircuitOpenError, PaymentDeclinedError, ProviderTimedOutError } from '../domain/errors.js';
import { orderOfKey, type PaymentCallKind, type PaymentCallOutcome } from '../domain/payment-call.js';
import type { PaymentLedger, PaymentProvider } from '../use-cases/ports.js';

const outcomeOf = (error: unknown): PaymentCallOutcome =>
  error instanceof PaymentDeclinedError
    ? 'DECLINED'
    : error instanceof ProviderTimedOutError
      ? 'TIMED_OUT'
      : 'FAILED';

/**
 * The provider with every charge and refund it is asked for written to the
 * ledger as it ends, append-only, before its answer goes on: approved,
 * declined, failed or timed out. A call the open circuit never let through
 * reached no provider and is not a call. Looking a charge up moves no money
 * and is not written.
 */
export const ledgeredProvider = (
  provider: PaymentProvider,
  ledger: PaymentLedger,
  clock: () => Date,
): PaymentProvider => {
  const recorded = async <T>(
    kind: PaymentCallKind,
    request: { idempotencyKey: string; amount: Money },
    call: () => Promise<T>,
    reference: (answer: T) => string,
  ): Promise<T> => {
    const entry = { orderId: orderOfKey(request.idempotencyKey), kind, amount: request.amount };
    let answer: T;
    try {
      answer = await call();
    } catch (error) {
      if (!(error instanceof CircuitOpenError))
        await ledger.append({ ...entry, at: clock().toISOString(), outcome: outcomeOf(error) });
      throw error;
    }
    await ledger.append({
      ...entry,
      at: clock().toISOString(),
      outcome: 'APPROVED',
      providerReference: reference(answer),
    });
    return answer;
  };
  return {
    charge: (request) =>
      recorded(
        'CHARGE',
        request,
        () => provider.charge(request),
        (answer) => answer.chargeId,
      ),
    findCharge: (request) => provider.findCharge(request),
    refund: (request) =>
      recorded(
        'REFUND',
        request,
        () => provider.refund(request),
        (answer) => answer.refundId,
      ),
  };
};
