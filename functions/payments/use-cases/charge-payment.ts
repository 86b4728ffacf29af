import type { Money } from '../../shared/money.js';
import { PaymentCompleted, PaymentFailed, PaymentRefunded } from '../contracts/events.js';
import { PaymentDeclinedError, PaymentVoidedError } from '../domain/errors.js';
import { idempotencyKey, type Payment } from '../domain/payment.js';
import type { PaymentsDependencies } from './ports.js';

/**
 * A charge that reached the provider for an order whose payment was voided
 * meanwhile (the order given up while the charge was on its way, or a saga
 * that ran on after it): it is refunded at once, and recorded so.
 */
export const giveBackCharge = async (
  { provider, payments, clock }: PaymentsDependencies,
  voided: Payment,
  charge: { chargeId: string; amount: Money },
): Promise<void> => {
  const { refundId } = await provider.refund({
    idempotencyKey: idempotencyKey(voided.orderId, 'refund'),
    chargeId: charge.chargeId,
    amount: charge.amount,
  });
  const now = clock();
  await payments.update(
    {
      ...voided,
      amount: charge.amount,
      status: 'REFUNDED',
      chargeId: charge.chargeId,
      refundId,
      updatedAt: now.toISOString(),
    },
    'VOIDED',
    [
      PaymentRefunded.create(
        {
          orderId: voided.orderId,
          userId: voided.userId,
          amount: charge.amount,
          chargeId: charge.chargeId,
          refundId,
        },
        now,
      ),
    ],
  );
};

/**
 * A voided order's charge, if the provider made one all the same, given back;
 * resolves with whether there was one.
 */
export const giveBackLateCharge = async (deps: PaymentsDependencies, voided: Payment): Promise<boolean> => {
  const charge = await deps.provider.findCharge({ idempotencyKey: idempotencyKey(voided.orderId, 'charge') });
  if (charge) await giveBackCharge(deps, voided, charge);
  return charge !== undefined;
};

/**
 * Charges an order once. A repeated call answers as the first did: the same
 * charge, or the same decline. A provider failure leaves nothing recorded, so
 * the saga's retry asks the provider again under the same idempotency key.
 * An order whose payment was voided (given up before it was charged) is
 * never charged: the call is refused, and a charge that reached the
 * provider all the same is given back.
 */
export const chargePayment = async (
  deps: PaymentsDependencies,
  { orderId, userId, amount, token }: { orderId: string; userId: string; amount: Money; token: string },
): Promise<{ chargeId: string }> => {
  const { provider, payments, clock } = deps;
  const existing = await payments.get(orderId);
  if (existing?.status === 'DECLINED') throw new PaymentDeclinedError(existing.declineCode ?? 'declined');
  if (existing?.status === 'VOIDED') {
    await giveBackLateCharge(deps, existing);
    throw new PaymentVoidedError(orderId);
  }
  if (existing?.chargeId) return { chargeId: existing.chargeId };
  try {
    const { chargeId } = await provider.charge({
      idempotencyKey: idempotencyKey(orderId, 'charge'),
      amount,
      token,
      userId,
    });
    const now = clock();
    const payment: Payment = {
      orderId,
      userId,
      amount,
      status: 'CHARGED',
      chargeId,
      updatedAt: now.toISOString(),
    };
    if (await payments.record(payment, [PaymentCompleted.create({ orderId, userId, amount, chargeId }, now)]))
      return { chargeId };
    // Recorded meanwhile: by a concurrent run of this step (the same charge), or voided.
    const recorded = await payments.get(orderId);
    if (recorded?.status === 'VOIDED') {
      await giveBackLateCharge(deps, recorded);
      throw new PaymentVoidedError(orderId);
    }
    return { chargeId };
  } catch (error) {
    // The charge's answer was lost, and the order's payment voided meanwhile: whatever the provider
    // did is given back now, since no retry of this step may come (its execution may be gone).
    if (!(error instanceof PaymentDeclinedError) && !(error instanceof PaymentVoidedError)) {
      const now = await payments.get(orderId);
      if (now?.status === 'VOIDED') await giveBackLateCharge(deps, now);
    }
    if (error instanceof PaymentDeclinedError) {
      const now = clock();
      const payment: Payment = {
        orderId,
        userId,
        amount,
        status: 'DECLINED',
        declineCode: error.declineCode,
        updatedAt: now.toISOString(),
      };
      await payments.record(payment, [
        PaymentFailed.create({ orderId, userId, amount, reason: 'DECLINED' }, now),
      ]);
    }
    throw error;
  }
};
