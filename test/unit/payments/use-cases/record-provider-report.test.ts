import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryPayments } from '../../../../functions/payments/adapters/in-memory-payment-store.js';
import {
  inMemoryLedger,
  simulatedProvider,
} from '../../../../functions/payments/adapters/simulated-provider.js';
import { chargePayment } from '../../../../functions/payments/use-cases/charge-payment.js';
import type { PaymentLedger, PaymentsDependencies } from '../../../../functions/payments/use-cases/ports.js';
import {
  type ProviderReport,
  recordProviderReport,
} from '../../../../functions/payments/use-cases/record-provider-report.js';
import { refundPayment } from '../../../../functions/payments/use-cases/refund-payment.js';
import { money } from '../../../../functions/shared/money.js';

let payments: InMemoryPayments;
let simulator: ReturnType<typeof inMemoryLedger>;
let deps: PaymentsDependencies & { ledger: PaymentLedger };

beforeEach(() => {
  payments = new InMemoryPayments();
  simulator = inMemoryLedger();
  deps = {
    provider: simulatedProvider(simulator, { hangMs: 10 }),
    payments: payments.store,
    ledger: payments.ledger,
    clock: () => new Date('2026-12-06T10:00:00Z'),
  };
});

const at = '2026-12-06T09:59:00.000Z';
const chargeReport = (orderId: string, reportId = `evt_${orderId}`): ProviderReport => ({
  kind: 'CHARGE_SUCCEEDED',
  reportId,
  at,
  orderId,
  userId: 'u-1',
  chargeId: `pi_${orderId}`,
  amount: money(1800),
});
const eventTypes = () => payments.outbox.map((event) => event.detailType);
const refunds = () => [...simulator.entries.values()].filter((entry) => entry.outcome === 'refunded').length;

describe('a charge the provider reports (payment_intent.succeeded)', () => {
  it('is recorded for an order whose charge answer was lost, so the saga’s next step finds it', async () => {
    expect(await recordProviderReport(deps, chargeReport('o-1'))).toBe('RECORDED');
    expect(payments.payments.get('o-1')).toMatchObject({ status: 'CHARGED', chargeId: 'pi_o-1' });
    expect(eventTypes()).toEqual(['PaymentCompleted']);
    // The charge step, retried, answers the charge the provider made; the refund step gives it back.
    expect(
      await chargePayment(deps, { orderId: 'o-1', userId: 'u-1', amount: money(1800), token: 'tok_visa' }),
    ).toEqual({ chargeId: 'pi_o-1' });
    expect(await refundPayment(deps, { orderId: 'o-1', userId: 'u-1' })).toBe('REFUNDED');
    expect(refunds()).toBe(1);
  });

  it('is given back when the order was given up before it (its payment voided)', async () => {
    // The refund step ran first and found no charge (a provider's search may lag): it voided the payment.
    expect(await refundPayment(deps, { orderId: 'o-2', userId: 'u-1' })).toBe('NOTHING_TO_REFUND');
    await recordProviderReport(deps, chargeReport('o-2'));
    expect(payments.payments.get('o-2')).toMatchObject({ status: 'REFUNDED', chargeId: 'pi_o-2' });
    expect(eventTypes()).toEqual(['PaymentRefunded']);
    expect(refunds()).toBe(1);
  });

  it('changes nothing for a charge the payment already records', async () => {
    const { chargeId } = await chargePayment(deps, {
      orderId: 'o-3',
      userId: 'u-1',
      amount: money(1800),
      token: 'tok_visa',
    });
    await recordProviderReport(deps, { ...chargeReport('o-3'), chargeId } as ProviderReport);
    expect(payments.payments.get('o-3')).toMatchObject({ status: 'CHARGED', chargeId });
    expect(eventTypes()).toEqual(['PaymentCompleted']);
  });

  it('delivered twice, is written to the ledger once and gives back a voided order’s charge once', async () => {
    await refundPayment(deps, { orderId: 'o-4', userId: 'u-1' });
    expect(await recordProviderReport(deps, chargeReport('o-4'))).toBe('RECORDED');
    expect(await recordProviderReport(deps, chargeReport('o-4'))).toBe('ALREADY_RECORDED');
    expect(payments.calls.filter((call) => call.reportId === 'evt_o-4')).toHaveLength(1);
    expect(refunds()).toBe(1);
    expect(eventTypes()).toEqual(['PaymentRefunded']);
  });
});

describe('a failed refund or a dispute the provider reports', () => {
  const refundFailed: ProviderReport = {
    kind: 'REFUND_FAILED',
    reportId: 'evt_refund',
    at,
    orderId: 'o-5',
    refundId: 're_1',
    amount: money(1800),
    reason: 'expired_or_canceled_card',
  };
  const dispute: ProviderReport = {
    kind: 'DISPUTE',
    outcome: 'OPENED',
    reportId: 'evt_dispute',
    at,
    orderId: 'o-5',
    disputeId: 'dp_1',
    amount: money(1800),
    reason: 'fraudulent',
  };

  it('is written to the ledger with its reason, and tells the admins, once however often delivered', async () => {
    for (const report of [refundFailed, dispute, refundFailed, dispute])
      await recordProviderReport(deps, report);
    expect(await payments.ledger.list('o-5')).toEqual([
      expect.objectContaining({
        kind: 'REFUND',
        outcome: 'FAILED',
        providerReference: 're_1',
        reportId: 'evt_refund',
      }),
      expect.objectContaining({
        kind: 'DISPUTE',
        outcome: 'OPENED',
        providerReference: 'dp_1',
        reason: 'fraudulent',
      }),
    ]);
    expect(
      payments.outbox.map((event) => [event.detailType, (event.detail.data as { issue: string }).issue]),
    ).toEqual([
      ['PaymentIssueReported', 'REFUND_FAILED'],
      ['PaymentIssueReported', 'DISPUTE_OPENED'],
    ]);
  });

  it('moves no money and leaves the payment as it was', async () => {
    await recordProviderReport(deps, refundFailed);
    expect(payments.payments.has('o-5')).toBe(false);
    expect(simulator.entries.size).toBe(0);
  });
});
