import type { Money } from '../../shared/money.js';
import { PaymentCompleted, PaymentIssueReported } from '../contracts/events.js';
import type { Payment } from '../domain/payment.js';
import type { PaymentCall } from '../domain/payment-call.js';
import { giveBackCharge } from './charge-payment.js';
import type { PaymentLedger, PaymentsDependencies } from './ports.js';

/** What the provider reported on its own (its webhook), in the shop's words. */
export type ProviderReport = {
  /** The provider's id of the report: a redelivered report has the same. */
  readonly reportId: string;
  /** When the provider made the report. */
  readonly at: string;
  readonly orderId: string;
  readonly amount: Money;
} & (
  | {
      /** A charge went through: perhaps one whose answer never reached us. */
      readonly kind: 'CHARGE_SUCCEEDED';
      readonly chargeId: string;
      readonly userId: string;
    }
  | {
      /** A refund the provider had accepted failed afterwards: the customer was not paid back. */
      readonly kind: 'REFUND_FAILED';
      readonly refundId: string;
      readonly reason?: string;
    }
  | {
      /** The customer's bank disputes the charge, or decided a dispute. */
      readonly kind: 'DISPUTE';
      readonly outcome: 'OPENED' | 'WON' | 'LOST';
      readonly disputeId: string;
      readonly reason?: string;
    }
);

export type ReportOutcome = 'RECORDED' | 'ALREADY_RECORDED';

/**
 * A charge the provider reports as made. The order's payment learns of it if
 * it did not know it (the answer to the charge was lost: the saga's retry or
 * refund now finds it recorded), and gives it back if the order was given up
 * meanwhile. A charge it knows already changes nothing.
 */
const settleCharge = async (
  deps: PaymentsDependencies,
  report: Extract<ProviderReport, { kind: 'CHARGE_SUCCEEDED' }>,
): Promise<void> => {
  const { payments, clock } = deps;
  const charge = { chargeId: report.chargeId, amount: report.amount };
  let payment = await payments.get(report.orderId);
  if (!payment) {
    const now = clock();
    const charged: Payment = {
      orderId: report.orderId,
      userId: report.userId,
      amount: report.amount,
      status: 'CHARGED',
      chargeId: report.chargeId,
      updatedAt: now.toISOString(),
    };
    const event = PaymentCompleted.create({ orderId: report.orderId, userId: report.userId, ...charge }, now);
    if (await payments.record(charged, [event])) return;
    payment = await payments.get(report.orderId);
  }
  if (payment?.status === 'VOIDED') await giveBackCharge(deps, payment, charge);
};

const ledgerEntryOf = (report: ProviderReport): PaymentCall & { reportId: string } => {
  const entry = { orderId: report.orderId, at: report.at, amount: report.amount, reportId: report.reportId };
  switch (report.kind) {
    case 'CHARGE_SUCCEEDED':
      return { ...entry, kind: 'CHARGE', outcome: 'APPROVED', providerReference: report.chargeId };
    case 'REFUND_FAILED':
      return {
        ...entry,
        kind: 'REFUND',
        outcome: 'FAILED',
        providerReference: report.refundId,
        ...(report.reason ? { reason: report.reason } : {}),
      };
    case 'DISPUTE':
      return {
        ...entry,
        kind: 'DISPUTE',
        outcome: report.outcome,
        providerReference: report.disputeId,
        ...(report.reason ? { reason: report.reason } : {}),
      };
  }
};

/**
 * Records what the provider reported in the ledger, once per report: a
 * charge is settled against the order's payment; a failed refund or a
 * dispute also tells the admins (`PaymentIssueReported`, in the same write).
 * A redelivered report changes nothing; a charge report is settled again,
 * which is idempotent, in case its first delivery died after the ledger write.
 */
export const recordProviderReport = async (
  deps: PaymentsDependencies & { ledger: PaymentLedger },
  report: ProviderReport,
): Promise<ReportOutcome> => {
  const entry = ledgerEntryOf(report);
  const issue =
    report.kind === 'REFUND_FAILED'
      ? ('REFUND_FAILED' as const)
      : report.kind === 'DISPUTE'
        ? (`DISPUTE_${report.outcome}` as const)
        : undefined;
  const events = issue
    ? [
        PaymentIssueReported.create(
          {
            orderId: report.orderId,
            issue,
            amount: report.amount,
            providerReference: entry.providerReference ?? report.reportId,
            ...(entry.reason ? { reason: entry.reason } : {}),
          },
          deps.clock(),
        ),
      ]
    : [];
  const recorded = await deps.ledger.report(entry, events);
  if (report.kind === 'CHARGE_SUCCEEDED') await settleCharge(deps, report);
  return recorded ? 'RECORDED' : 'ALREADY_RECORDED';
};
