import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryPayments } from '../../../../functions/payments/adapters/in-memory-payment-store.js';
import {
  inMemoryLedger,
  simulatedProvider,
} from '../../../../functions/payments/adapters/simulated-provider.js';
import {
  PaymentDeclinedError,
  PaymentVoidedError,
  ProviderUnavailableError,
} from '../../../../functions/payments/domain/errors.js';
import { chargePayment } from '../../../../functions/payments/use-cases/charge-payment.js';
import type { PaymentsDependencies } from '../../../../functions/payments/use-cases/ports.js';
import { refundPayment } from '../../../../functions/payments/use-cases/refund-payment.js';
import { money } from '../../../../functions/shared/money.js';

let payments: InMemoryPayments;
let ledger: ReturnType<typeof inMemoryLedger>;
let deps: PaymentsDependencies;

beforeEach(() => {
  payments = new InMemoryPayments();
  ledger = inMemoryLedger();
  deps = {
    provider: simulatedProvider(ledger, { hangMs: 10 }),
    payments: payments.store,
    clock: () => new Date('2026-11-22T10:00:00Z'),
  };
});

const charges = () => [...ledger.entries.values()].filter((entry) => entry.outcome === 'charged').length;
/** What the provider remembers doing, each key's outcome, sorted. */
const outcomes = () => [...ledger.entries.values()].map((entry) => entry.outcome).sort();
const eventTypes = () => payments.outbox.map((event) => event.detailType);

describe('chargePayment', () => {
  it('charges an order once however often it is asked, and publishes PaymentCompleted once', async () => {
    const first = await chargePayment(deps, {
      orderId: 'o-1',
      userId: 'u-1',
      amount: money(2500),
      token: 'tok_visa',
    });
    const again = await chargePayment(deps, {
      orderId: 'o-1',
      userId: 'u-1',
      amount: money(2500),
      token: 'tok_visa',
    });
    expect(again).toEqual(first);
    expect(charges()).toBe(1);
    expect(eventTypes()).toEqual(['PaymentCompleted']);
  });

  it('records a decline, publishes PaymentFailed once, and declines again without asking the provider', async () => {
    await expect(
      chargePayment(deps, { orderId: 'o-1', userId: 'u-1', amount: money(2500), token: 'tok_decline' }),
    ).rejects.toBeInstanceOf(PaymentDeclinedError);
    await expect(
      chargePayment(deps, { orderId: 'o-1', userId: 'u-1', amount: money(2500), token: 'tok_visa' }),
    ).rejects.toBeInstanceOf(PaymentDeclinedError);
    expect(payments.payments.get('o-1')).toMatchObject({ status: 'DECLINED', declineCode: 'card_declined' });
    expect(eventTypes()).toEqual(['PaymentFailed']);
  });

  it('records nothing when the provider fails, so a retry charges', async () => {
    await expect(
      chargePayment(deps, { orderId: 'o-1', userId: 'u-1', amount: money(2500), token: 'tok_flaky' }),
    ).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(payments.payments.has('o-1')).toBe(false);
    await chargePayment(deps, { orderId: 'o-1', userId: 'u-1', amount: money(2500), token: 'tok_flaky' });
    expect(payments.payments.get('o-1')?.status).toBe('CHARGED');
    expect(charges()).toBe(1);
  });
});

describe('refundPayment', () => {
  it('refunds a charge once and publishes PaymentRefunded once', async () => {
    await chargePayment(deps, { orderId: 'o-1', userId: 'u-1', amount: money(2500), token: 'tok_visa' });
    expect(await refundPayment(deps, { orderId: 'o-1', userId: 'u-1' })).toBe('REFUNDED');
    expect(await refundPayment(deps, { orderId: 'o-1', userId: 'u-1' })).toBe('REFUNDED');
    expect(payments.payments.get('o-1')).toMatchObject({
      status: 'REFUNDED',
      refundId: expect.stringMatching(/^re_/),
    });
    expect(eventTypes()).toEqual(['PaymentCompleted', 'PaymentRefunded']);
  });

  it('has nothing to refund for an order never charged or declined', async () => {
    expect(await refundPayment(deps, { orderId: 'never', userId: 'u-1' })).toBe('NOTHING_TO_REFUND');
    await expect(
      chargePayment(deps, { orderId: 'o-2', userId: 'u-1', amount: money(1), token: 'tok_decline' }),
    ).rejects.toThrow();
    expect(await refundPayment(deps, { orderId: 'o-2', userId: 'u-1' })).toBe('NOTHING_TO_REFUND');
  });
});

describe('refunding a charge whose answer was lost', () => {
  it('asks the provider, records the charge it made and refunds it', async () => {
    await deps.provider.charge({
      idempotencyKey: 'o-7:charge',
      amount: money(900),
      token: 'tok_visa',
      userId: 'u-1',
    });
    expect(payments.payments.has('o-7')).toBe(false);
    expect(await refundPayment(deps, { orderId: 'o-7', userId: 'u-1' })).toBe('REFUNDED');
    expect(payments.payments.get('o-7')).toMatchObject({ status: 'REFUNDED', amount: money(900) });
    expect(eventTypes()).toEqual(['PaymentCompleted', 'PaymentRefunded']);
  });
});

describe('an order given up before it was charged', () => {
  const order = { orderId: 'o-late', userId: 'u-1', amount: money(2500), token: 'tok_visa' };

  /** A provider that charges, after `meanwhile` if given, and loses its answer. */
  const answerLost = (meanwhile?: () => Promise<unknown>): PaymentsDependencies => ({
    ...deps,
    provider: {
      ...deps.provider,
      charge: async (request) => {
        await meanwhile?.();
        await deps.provider.charge(request);
        throw new ProviderUnavailableError('The answer was lost.');
      },
    },
  });

  it('is voided by its refund, and a charge that comes after (a stopped or second saga’s step) is refused', async () => {
    expect(await refundPayment(deps, order)).toBe('NOTHING_TO_REFUND');
    expect(payments.payments.get('o-late')?.status).toBe('VOIDED');
    await expect(chargePayment(deps, order)).rejects.toThrow(PaymentVoidedError);
    expect(charges()).toBe(0);
  });

  it('gives back a charge whose answer was lost while the refund voided the payment, without waiting for a retry', async () => {
    const lostAnswer = answerLost(() => refundPayment(deps, order));
    await expect(chargePayment(lostAnswer, order)).rejects.toThrow(ProviderUnavailableError);
    expect(payments.payments.get('o-late')).toMatchObject({ status: 'REFUNDED' });
    expect(outcomes()).toEqual(['charged', 'refunded']);
  });

  it('gives back at once a charge that reached the provider while the refund voided the payment', async () => {
    // The charge is on its way when the refund looks: the provider has nothing yet.
    const provider = deps.provider;
    let voidMeanwhile: Promise<unknown> = Promise.resolve();
    const racing: PaymentsDependencies = {
      ...deps,
      provider: {
        ...provider,
        charge: async (request) => {
          voidMeanwhile = refundPayment(deps, order);
          await voidMeanwhile;
          return provider.charge(request);
        },
      },
    };
    await expect(chargePayment(racing, order)).rejects.toThrow(PaymentVoidedError);
    expect(payments.payments.get('o-late')).toMatchObject({ status: 'REFUNDED', amount: money(2500) });
    expect(outcomes()).toEqual(['charged', 'refunded']);
    expect(eventTypes()).toEqual(['PaymentRefunded']);
  });

  it('gives back a charge made after the refund looked for one, whose step saw no void (the refund looks again once it has voided)', async () => {
    const provider = deps.provider;
    let charged = false;
    const refunding: PaymentsDependencies = {
      ...deps,
      provider: {
        ...provider,
        // The refund finds nothing; before it voids, the saga's step charges, loses the answer and finds no void.
        findCharge: async (request) => {
          const found = await provider.findCharge(request);
          if (!charged) {
            charged = true;
            await expect(chargePayment(answerLost(), order)).rejects.toThrow(ProviderUnavailableError);
          }
          return found;
        },
      },
    };
    expect(await refundPayment(refunding, order)).toBe('REFUNDED');
    expect(payments.payments.get('o-late')).toMatchObject({ status: 'REFUNDED', amount: money(2500) });
    expect(outcomes()).toEqual(['charged', 'refunded']);
  });

  it('gives back a late charge when a refund meets the payment already voided (a retried or second compensation)', async () => {
    expect(await refundPayment(deps, order)).toBe('NOTHING_TO_REFUND');
    // A charge of a step that had looked before the void, its answer lost: the provider holds it.
    await deps.provider.charge({
      idempotencyKey: 'o-late:charge',
      amount: money(2500),
      token: 'tok_visa',
      userId: 'u-1',
    });
    expect(await refundPayment(deps, order)).toBe('REFUNDED');
    expect(payments.payments.get('o-late')).toMatchObject({ status: 'REFUNDED', amount: money(2500) });
    expect(await refundPayment(deps, order)).toBe('REFUNDED');
    expect(outcomes()).toEqual(['charged', 'refunded']);
    expect(eventTypes()).toEqual(['PaymentRefunded']);
  });
});
