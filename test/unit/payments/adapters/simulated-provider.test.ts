import { describe, expect, it } from 'vitest';
import { resilientProvider } from '../../../../functions/payments/adapters/resilient-provider.js';
import {
  inMemoryLedger,
  simulatedProvider,
} from '../../../../functions/payments/adapters/simulated-provider.js';
import { CircuitBreaker } from '../../../../functions/payments/domain/circuit-breaker.js';
import {
  CircuitOpenError,
  PaymentDeclinedError,
  ProviderUnavailableError,
} from '../../../../functions/payments/domain/errors.js';
import { money } from '../../../../functions/shared/money.js';

const charge = (provider: ReturnType<typeof simulatedProvider>, token: string, key = `o-1:charge:${token}`) =>
  provider.charge({ idempotencyKey: key, amount: money(1000), token, userId: 'u-1' });

describe('the simulated provider', () => {
  it.each(['tok_visa', 'tok_mastercard'])('approves %s, once per key', async (token) => {
    const provider = simulatedProvider(inMemoryLedger(), { hangMs: 10 });
    const first = await charge(provider, token);
    expect(first.chargeId).toMatch(/^ch_/);
    expect(await charge(provider, token)).toEqual(first);
  });

  it.each([
    ['tok_decline', 'card_declined'],
    ['tok_insufficient_funds', 'insufficient_funds'],
    ['tok_unheard_of', 'unknown_token'],
  ])('declines %s as %s, the same every time', async (token, code) => {
    const provider = simulatedProvider(inMemoryLedger(), { hangMs: 10 });
    await expect(charge(provider, token)).rejects.toMatchObject({ declineCode: code });
    await expect(charge(provider, token)).rejects.toBeInstanceOf(PaymentDeclinedError);
  });

  it('fails the first attempt of tok_flaky per payment, then charges', async () => {
    const provider = simulatedProvider(inMemoryLedger(), { hangMs: 10 });
    await expect(charge(provider, 'tok_flaky')).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect((await charge(provider, 'tok_flaky')).chargeId).toMatch(/^ch_/);
    await expect(charge(provider, 'tok_flaky', 'o-2:charge')).rejects.toBeInstanceOf(
      ProviderUnavailableError,
    );
  });

  it('outlives the client timeout with tok_timeout', async () => {
    const provider = resilientProvider(
      simulatedProvider(inMemoryLedger(), { hangMs: 500 }),
      new CircuitBreaker({ failureThreshold: 5, openMs: 1000, now: Date.now }),
      50,
    );
    const started = Date.now();
    await expect(charge(provider, 'tok_timeout')).rejects.toThrow(/did not answer within 50 ms/);
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('refunds once per key', async () => {
    const provider = simulatedProvider(inMemoryLedger(), { hangMs: 10 });
    const first = await provider.refund({
      idempotencyKey: 'o-1:refund',
      chargeId: 'ch_1',
      amount: money(1000),
    });
    expect(
      await provider.refund({ idempotencyKey: 'o-1:refund', chargeId: 'ch_1', amount: money(1000) }),
    ).toEqual(first);
  });
});

describe('the resilient provider', () => {
  it('opens its circuit after repeated unavailability and fails fast, but not for declines', async () => {
    const provider = resilientProvider(
      simulatedProvider(inMemoryLedger(), { hangMs: 200 }),
      new CircuitBreaker({ failureThreshold: 2, openMs: 60_000, now: Date.now }),
      20,
    );
    for (let n = 0; n < 3; n++)
      await expect(charge(provider, 'tok_decline', `d-${n}`)).rejects.toBeInstanceOf(PaymentDeclinedError);
    await expect(charge(provider, 'tok_timeout', 't-1')).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(charge(provider, 'tok_timeout', 't-2')).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(charge(provider, 'tok_visa', 'v-1')).rejects.toBeInstanceOf(CircuitOpenError);
  });
});
