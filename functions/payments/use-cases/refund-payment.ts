import { PaymentCompleted, PaymentRefunded } from '../contracts/events.js';
import { idempotencyKey, type Payment } from '../domain/payment.js';
import type { PaymentsDependencies } from './ports.js';

export type RefundOutcome = 'REFUNDED' | 'NOTHING_TO_REFUND';

/**
 * The order's charge as we know it. With no record of one, the provider is
 * asked: a charge whose answer timed out may have gone through, and it is
 * recorded now so that it can be refunded.
 */
const chargeOf = async (
  { provider, payments, clock }: PaymentsDependencies,
  { orderId, userId }: { orderId: string; userId: string },
): Promise<Payment | undefined> => {
  const payment = await payments.get(orderId);
  if (payment) return payment;
  const found = await provider.findCharge({ idempotencyKey: idempotencyKey(orderId, 'charge') });
  if (!found) return undefined;
  const now = clock();
  const charged: Payment = {
    orderId,
    userId,
    amount: found.amount,
    status: 'CHARGED',
    chargeId: found.chargeId,
    updatedAt: now.toISOString(),
  };
  const recorded = await payments.record(charged, [
    PaymentCompleted.create({ orderId, userId, amount: found.amount, chargeId: found.chargeId }, now),
  ]);
  return recorded ? charged : payments.get(orderId);
};

/** Gives back an order's charge, once; an order never charged has nothing to refund. */
export const refundPayment = async (
  deps: PaymentsDependencies,
  request: { orderId: string; userId: string },
): Promise<RefundOutcome> => {
  const { orderId } = request;
  const payment = await chargeOf(deps, request);
  if (payment?.status === 'REFUNDED') return 'REFUNDED';
  if (payment?.status !== 'CHARGED' || !payment.chargeId) return 'NOTHING_TO_REFUND';
  const { refundId } = await deps.provider.refund({
    idempotencyKey: idempotencyKey(orderId, 'refund'),
    chargeId: payment.chargeId,
    amount: payment.amount,
  });
  const now = deps.clock();
  const updated = await deps.payments.update(
    { ...payment, status: 'REFUNDED', refundId, updatedAt: now.toISOString() },
    'CHARGED',
    [
      PaymentRefunded.create(
        { orderId, userId: payment.userId, amount: payment.amount, chargeId: payment.chargeId, refundId },
        now,
      ),
    ],
  );
  // Lost the race to a concurrent refund of the same order: that one recorded it.
  if (!updated && (await deps.payments.get(orderId))?.status !== 'REFUNDED')
    return refundPayment(deps, request);
  return 'REFUNDED';
};
