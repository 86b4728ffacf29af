import type { CircuitBreaker } from '../domain/circuit-breaker.js';
import { CircuitOpenError, ProviderTimedOutError, ProviderUnavailableError } from '../domain/errors.js';
import type { PaymentProvider } from '../use-cases/ports.js';

/** Gives up on a call that takes longer than `timeoutMs`: the provider is then unavailable, for this attempt. */
const withTimeout = async <T>(work: Promise<T>, timeoutMs: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ProviderTimedOutError(`The payment provider did not answer within ${timeoutMs} ms.`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * The provider behind a client timeout and a circuit breaker. Only
 * unavailability counts against the circuit; a decline is an answer.
 */
export const resilientProvider = (
  provider: PaymentProvider,
  breaker: CircuitBreaker,
  timeoutMs: number,
): PaymentProvider => {
  const guarded = <T>(call: () => Promise<T>) =>
    breaker.call(
      () => withTimeout(call(), timeoutMs),
      (error) => error instanceof ProviderUnavailableError,
      () => new CircuitOpenError(),
    );
  return {
    charge: (request) => guarded(() => provider.charge(request)),
    findCharge: (request) => guarded(() => provider.findCharge(request)),
    refund: (request) => guarded(() => provider.refund(request)),
  };
};
