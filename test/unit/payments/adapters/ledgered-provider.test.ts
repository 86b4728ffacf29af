import { describe, expect, it } from 'vitest';
import { InMemoryPayments } from '../../../../functions/payments/adapters/in-memory-payment-store.js';
import { ledgeredProvider } from '../../../../functions/payments/adapters/ledgered-provider.js';
import { resilientProvider } from '../../../../functions/payments/adapters/resilient-provider.js';
import {
  inMemoryLedger,
  simulatedProvider,
} from '../../../../functions/payments/adapters/simulated-provider.js';
import { CircuitBreaker } from '../../../../functions/payments/domain/circuit-breaker.js';
import { idempotencyKey } from '../../../../functions/payments/domain/payment.js';
import { listOrderPayments } from '../../../../functions/payments/use-cases/list-order-payments.js';
import { money } from '../../../../functions/shared/money.js';

const setUp = (failureThreshold = 5) => {
  const payments = new InMemoryPayments();
  let tick = 0;
  const clock = () => new Date(Date.UTC(2026, 11, 6, 10, 0, tick++));
  const breaker = new CircuitBreaker({ failureThreshold, openMs: 60_000, now: Date.now });
  const provider = ledgeredProvider(
    resilientProvider(simulatedProvider(inMemoryLedger(), { hangMs: 200 }), breaker, 50),
    payments.ledger,
    clock,
  );
  return { payments, provider };
};

const charge = (provider: ReturnType<typeof setUp>['provider'], orderId: string, token: string) =>
  provider
    .charge({ idempotencyKey: idempotencyKey(orderId, 'charge'), amount: money(1250), token, userId: 'u-1' })
    .catch((error: unknown) => error);

describe('the payment ledger', () => {
  it('writes every charge and refund as it ended, with the provider’s reference when there is one', async () => {
    const { payments, provider } = setUp();
    await charge(provider, 'o-1', 'tok_flaky');
    const { chargeId } = (await charge(provider, 'o-1', 'tok_flaky')) as { chargeId: string };
    await provider.refund({ idempotencyKey: idempotencyKey('o-1', 'refund'), chargeId, amount: money(1250) });
    await charge(provider, 'o-2', 'tok_decline');
    await charge(provider, 'o-3', 'tok_timeout');
    expect((await listOrderPayments(payments.ledger, 'o-1')).items).toEqual([
      expect.objectContaining({ kind: 'CHARGE', outcome: 'FAILED', attempt: 1, amount: money(1250) }),
      expect.objectContaining({
        kind: 'CHARGE',
        outcome: 'APPROVED',
        attempt: 2,
        providerReference: chargeId,
      }),
      expect.objectContaining({
        kind: 'REFUND',
        outcome: 'APPROVED',
        attempt: 1,
        providerReference: expect.any(String),
      }),
    ]);
    expect((await listOrderPayments(payments.ledger, 'o-2')).items).toEqual([
      expect.objectContaining({ kind: 'CHARGE', outcome: 'DECLINED', attempt: 1 }),
    ]);
    expect((await listOrderPayments(payments.ledger, 'o-3')).items).toEqual([
      expect.objectContaining({ kind: 'CHARGE', outcome: 'TIMED_OUT', attempt: 1 }),
    ]);
    // Looking a charge up moves no money and is not a call to write down.
    await provider.findCharge({ idempotencyKey: idempotencyKey('o-1', 'charge') });
    expect(payments.calls).toHaveLength(5);
  });

  it('writes nothing for a call the open circuit never let through', async () => {
    const { payments, provider } = setUp(1);
    await charge(provider, 'o-1', 'tok_timeout');
    await charge(provider, 'o-2', 'tok_visa');
    expect(payments.calls.map((call) => [call.orderId, call.outcome])).toEqual([['o-1', 'TIMED_OUT']]);
  });
});
