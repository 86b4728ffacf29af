import type { Money } from '../../shared/money.js';
import { PaymentCompleted, PaymentFailed } from '../contracts/events.js';
import { PaymentDeclinedError } from '../domain/errors.js';
import { idempotencyKey, type Payment } from '../domain/payment.js';
import type { PaymentsDependencies } from './ports.js';

/**
 * Charges an order once. A repeated call answers as the first did: the same
 * charge, or the same decline. A provider failure leaves nothing recorded, so
 * the saga's retry asks the provider again under the same idempotency key.
 */
export const chargePayment = async (
  { provider, payments, clock }: PaymentsDependencies,
  { orderId, userId, amount, token }: { orderId: string; userId: string; amount: Money; token: string },
): Promise<{ chargeId: string }> => {
  const existing = await payments.get(orderId);
  if (existing?.status === 'DECLINED') throw new PaymentDeclinedError(existing.declineCode ?? 'declined');
  if (existing?.chargeId) return { chargeId: existing.chargeId };
  try {
    const { chargeId } = await provider.charge({
      idempotencyKey: idempotencyKey(orderId, 'charge'),
      amount,
      token,
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
    await payments.record(payment, [PaymentCompleted.create({ orderId, userId, amount, chargeId }, now)]);
    return { chargeId };
  } catch (error) {
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
