import { PaymentRefunded } from '../contracts/events.js';
import { idempotencyKey } from '../domain/payment.js';
import type { PaymentsDependencies } from './ports.js';

export type RefundOutcome = 'REFUNDED' | 'NOTHING_TO_REFUND';

/** Gives back an order's charge, once; an order never charged has nothing to refund. */
export const refundPayment = async (
  { provider, payments, clock }: PaymentsDependencies,
  { orderId }: { orderId: string },
): Promise<RefundOutcome> => {
  const payment = await payments.get(orderId);
  if (payment?.status === 'REFUNDED') return 'REFUNDED';
  if (payment?.status !== 'CHARGED' || !payment.chargeId) return 'NOTHING_TO_REFUND';
  const { refundId } = await provider.refund({
    idempotencyKey: idempotencyKey(orderId, 'refund'),
    chargeId: payment.chargeId,
    amount: payment.amount,
  });
  await payments.update(
    { ...payment, status: 'REFUNDED', refundId, updatedAt: clock().toISOString() },
    'CHARGED',
    [PaymentRefunded.create({ orderId, amount: payment.amount, chargeId: payment.chargeId, refundId })],
  );
  return 'REFUNDED';
};
