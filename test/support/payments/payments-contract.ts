import { describe, expect, it } from 'vitest';
import type { SimulatorLedger } from '../../../functions/payments/adapters/simulated-provider.js';
import { PaymentCompleted } from '../../../functions/payments/contracts/events.js';
import type { Payment } from '../../../functions/payments/domain/payment.js';
import type { PaymentStore } from '../../../functions/payments/use-cases/ports.js';
import { money } from '../../../functions/shared/money.js';

const charged: Payment = {
  orderId: 'o-1',
  userId: 'u-1',
  amount: money(100),
  status: 'CHARGED',
  chargeId: 'ch_1',
  updatedAt: '2026-11-22T10:00:00.000Z',
};

/** What every payment store and simulator ledger promise; the in-memory twins and the DynamoDB adapters both run it. */
export const paymentsContract = (
  name: string,
  fresh: () => Promise<{ store: PaymentStore; ledger: SimulatorLedger }>,
) => {
  describe(name, () => {
    it('records a payment once per order, and gives back the payment alone, not the events it caused', async () => {
      const { store } = await fresh();
      const completed = PaymentCompleted.create({
        orderId: 'o-1',
        userId: 'u-1',
        amount: money(100),
        chargeId: 'ch_1',
      });
      expect(await store.record(charged, [completed])).toBe(true);
      expect(await store.record({ ...charged, chargeId: 'ch_2' }, [])).toBe(false);
      expect(await store.get('o-1')).toEqual(charged);
    });

    it('moves a payment only from the state it names', async () => {
      const { store } = await fresh();
      await store.record(charged, []);
      const refunded: Payment = { ...charged, status: 'REFUNDED', refundId: 're_1' };
      expect(await store.update(refunded, 'CHARGED', [])).toBe(true);
      expect(await store.update({ ...refunded, refundId: 're_2' }, 'CHARGED', [])).toBe(false);
      expect((await store.get('o-1'))?.refundId).toBe('re_1');
    });

    it('keeps the first ledger entry of a key, and replaces only a failed attempt', async () => {
      const { ledger } = await fresh();
      expect(
        await ledger.putIfAbsent({ key: 'k', outcome: 'charged', chargeId: 'ch_1', amount: money(100) }),
      ).toEqual({
        key: 'k',
        outcome: 'charged',
        chargeId: 'ch_1',
        amount: money(100),
      });
      expect(
        await ledger.putIfAbsent({ key: 'k', outcome: 'charged', chargeId: 'ch_2', amount: money(100) }),
      ).toMatchObject({
        chargeId: 'ch_1',
      });
      expect(await ledger.replaceFailure({ key: 'k', outcome: 'declined', declineCode: 'x' })).toMatchObject({
        chargeId: 'ch_1',
      });
      await ledger.putIfAbsent({ key: 'f', outcome: 'failed-once' });
      expect(
        await ledger.replaceFailure({ key: 'f', outcome: 'charged', chargeId: 'ch_3', amount: money(100) }),
      ).toMatchObject({
        outcome: 'charged',
        chargeId: 'ch_3',
      });
      expect(await ledger.get('f')).toMatchObject({ chargeId: 'ch_3' });
    });
  });
};
