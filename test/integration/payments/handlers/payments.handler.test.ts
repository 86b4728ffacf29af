import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryPayments } from '../../../../functions/payments/adapters/in-memory-payment-store.js';
import {
  inMemoryLedger,
  simulatedProvider,
} from '../../../../functions/payments/adapters/simulated-provider.js';
import { PaymentRefusals } from '../../../../functions/payments/contracts/saga-tasks.js';
import { processPaymentHandler } from '../../../../functions/payments/handlers/process-payment.handler.js';
import { refundPaymentHandler } from '../../../../functions/payments/handlers/refund-payment.handler.js';
import type { PaymentsDependencies } from '../../../../functions/payments/use-cases/ports.js';
import { money } from '../../../../functions/shared/money.js';
import { lambdaContext } from '../../../support/api-gateway.js';

let payments: InMemoryPayments;
let ledger: ReturnType<typeof inMemoryLedger>;
let deps: () => PaymentsDependencies;

beforeEach(() => {
  payments = new InMemoryPayments();
  ledger = inMemoryLedger();
  const built: PaymentsDependencies = {
    provider: simulatedProvider(ledger, { hangMs: 10 }),
    payments: payments.store,
    clock: () => new Date('2026-12-05T10:00:00Z'),
  };
  deps = () => built;
});

const charge = (orderId: string, paymentToken = 'tok_visa') => ({
  orderId,
  userId: 'user-1',
  correlationId: `c-${orderId}`,
  amount: money(2500),
  paymentToken,
});

describe('the payments saga tasks through their middleware', () => {
  it('charges once however often the saga asks, and refunds once', async () => {
    const process = processPaymentHandler(deps);
    const first = await process(charge('o-1'), lambdaContext());
    expect(first).toEqual({ orderId: 'o-1', chargeId: expect.any(String) });
    expect(await process(charge('o-1'), lambdaContext())).toEqual(first);
    const refund = refundPaymentHandler(deps);
    const input = { orderId: 'o-1', userId: 'user-1', correlationId: 'c-o-1' };
    expect(await refund(input, lambdaContext())).toEqual({ orderId: 'o-1', outcome: 'REFUNDED' });
    expect(await refund(input, lambdaContext())).toEqual({ orderId: 'o-1', outcome: 'REFUNDED' });
    expect(payments.outbox.map((event) => event.detailType)).toEqual(['PaymentCompleted', 'PaymentRefunded']);
  });

  it('refuses a declined card by the error name the saga matches, and has nothing to refund', async () => {
    await expect(
      processPaymentHandler(deps)(charge('o-2', 'tok_decline'), lambdaContext()),
    ).rejects.toMatchObject({ name: PaymentRefusals.declined });
    expect(
      await refundPaymentHandler(deps)(
        { orderId: 'o-2', userId: 'user-1', correlationId: 'c' },
        lambdaContext(),
      ),
    ).toEqual({ orderId: 'o-2', outcome: 'NOTHING_TO_REFUND' });
  });

  it('refuses an input the task contract does not accept, charging nothing', async () => {
    await expect(
      processPaymentHandler(deps)(
        { ...charge('o-3'), amount: { amount: -1, currency: 'USD' } },
        lambdaContext(),
      ),
    ).rejects.toThrow();
    expect(ledger.entries.size).toBe(0);
    expect(payments.payments.size).toBe(0);
  });
});
