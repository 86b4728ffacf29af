import { withAttempts } from '../domain/payment-call.js';
import type { PaymentLedger } from './ports.js';

/** The order's calls to the provider, oldest first, each with its attempt among those of its kind. */
export const listOrderPayments = async (ledger: PaymentLedger, orderId: string) => ({
  items: withAttempts(await ledger.list(orderId)).map(
    ({ at, kind, outcome, amount, attempt, providerReference, reportId, reason }) => ({
      at,
      kind,
      outcome,
      amount,
      attempt,
      ...(providerReference ? { providerReference } : {}),
      ...(reportId ? { reportId } : {}),
      ...(reason ? { reason } : {}),
    }),
  ),
});
