import { sagaTask } from '../../shared/invoke/saga-task.js';
import { RefundPaymentTask } from '../contracts/saga-tasks.js';
import { paymentsDependencies } from '../dependencies.js';
import { refundPayment } from '../use-cases/refund-payment.js';

export const refundPaymentHandler = (deps = paymentsDependencies) =>
  sagaTask(RefundPaymentTask, async ({ orderId, userId }) => ({
    orderId,
    outcome: await refundPayment(deps(), { orderId, userId }),
  }));

export const handler = refundPaymentHandler();
