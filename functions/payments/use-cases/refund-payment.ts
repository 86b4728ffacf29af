import { money } from '../../shared/money.js';
import { PaymentCompleted, PaymentRefunded } from '../contracts/events.js';
import { PaymentChangedConcurrentlyError } from '../domain/errors.js';
import { idempotencyKey, type Payment } from '../domain/payment.js';
import { giveBackLateCharge } from './charge-payment.js';
import type { PaymentsDependencies } from './ports.js';

export type RefundOutcome = 'REFUNDED' | 'NOTHING_TO_REFUND';

/** A payment changes a few times in its life: a few fresh reads settle any race. */
const MAX_RACES = 3;

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

const refundedLateCharge = async (deps: PaymentsDependencies, voided: Payment): Promise<RefundOutcome> =>
  (await giveBackLateCharge(deps, voided)) ? 'REFUNDED' : 'NOTHING_TO_REFUND';

/**
 * Gives back an order's charge, once. An order never charged has nothing to
 * refund: its payment is recorded VOIDED, so that no charge is made for it
 * afterwards (a step of a stopped or second saga still on its way).
 *
 * The provider is asked again for a voided payment's charge, by the refund
 * that voided it (after its void) and by every refund that meets it: a
 * charging step may have read no void, charged, lost the provider's answer
 * and read no void again, both reads landing before the void, and nothing
 * else would ever give that charge back. A charge that reaches the provider
 * after this look finds the void on its step's next read, which gives it back.
 */
export const refundPayment = async (
  deps: PaymentsDependencies,
  request: { orderId: string; userId: string },
  attempt = 0,
): Promise<RefundOutcome> => {
  const { orderId } = request;
  const payment = await chargeOf(deps, request);
  if (payment?.status === 'REFUNDED') return 'REFUNDED';
  if (payment?.status === 'VOIDED') return refundedLateCharge(deps, payment);
  if (!payment) {
    const voided: Payment = {
      orderId,
      userId: request.userId,
      amount: money(0),
      status: 'VOIDED',
      updatedAt: deps.clock().toISOString(),
    };
    if (await deps.payments.record(voided, [])) return refundedLateCharge(deps, voided);
    // A charge was recorded meanwhile: refund it.
    if (attempt >= MAX_RACES) throw new PaymentChangedConcurrentlyError(orderId);
    return refundPayment(deps, request, attempt + 1);
  }
  if (payment.status !== 'CHARGED' || !payment.chargeId) return 'NOTHING_TO_REFUND';
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
  if (!updated && (await deps.payments.get(orderId))?.status !== 'REFUNDED') {
    if (attempt >= MAX_RACES) throw new PaymentChangedConcurrentlyError(orderId);
    return refundPayment(deps, request, attempt + 1);
  }
  return 'REFUNDED';
};
