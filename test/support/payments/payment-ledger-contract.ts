import { describe, expect, it } from 'vitest';
import { PaymentIssueReported } from '../../../functions/payments/contracts/events.js';
import type { PaymentCall } from '../../../functions/payments/domain/payment-call.js';
import type { PaymentLedger } from '../../../functions/payments/use-cases/ports.js';
import { money } from '../../../functions/shared/money.js';

const call: PaymentCall = {
  orderId: 'o-ledger',
  at: '2026-12-06T10:00:00.000Z',
  kind: 'CHARGE',
  outcome: 'APPROVED',
  amount: money(100),
  providerReference: 'pi_1',
};

/** What every payment ledger promises; the in-memory twin and the DynamoDB adapter both run it. */
export const paymentLedgerContract = (
  name: string,
  fresh: () => Promise<{ ledger: PaymentLedger; published: () => Promise<string[]> }>,
) =>
  describe(name, () => {
    it('appends every call, even two alike, and lists an order’s oldest first', async () => {
      const { ledger } = await fresh();
      await ledger.append({ ...call, at: '2026-12-06T10:00:02.000Z', kind: 'REFUND' });
      await ledger.append(call);
      await ledger.append(call);
      expect((await ledger.list('o-ledger')).map((entry) => [entry.at, entry.kind])).toEqual([
        [call.at, 'CHARGE'],
        [call.at, 'CHARGE'],
        ['2026-12-06T10:00:02.000Z', 'REFUND'],
      ]);
    });

    it('records a report of the provider once, with its events, however often it is delivered', async () => {
      const { ledger, published } = await fresh();
      const report = {
        ...call,
        kind: 'DISPUTE',
        outcome: 'OPENED',
        reportId: 'evt_1',
        reason: 'fraudulent',
      } as const;
      const issue = PaymentIssueReported.create({
        orderId: 'o-ledger',
        issue: 'DISPUTE_OPENED',
        amount: money(100),
        providerReference: 'dp_1',
      });
      expect(await ledger.report(report, [issue])).toBe(true);
      expect(await ledger.report(report, [issue])).toBe(false);
      expect(await ledger.list('o-ledger')).toEqual([report]);
      expect(await published()).toEqual(['PaymentIssueReported']);
    });
  });
