import { sagaTask } from '../../shared/invoke/saga-task.js';
import { countBusinessEvent } from '../../shared/observability.js';
import { ProcessPaymentTask } from '../contracts/saga-tasks.js';
import { paymentsDependencies } from '../dependencies.js';
import { PaymentDeclinedError } from '../domain/errors.js';
import { chargePayment } from '../use-cases/charge-payment.js';

export const processPaymentHandler = (deps = paymentsDependencies) =>
  sagaTask(ProcessPaymentTask, async ({ orderId, userId, amount, paymentToken }) => {
    try {
      const { chargeId } = await chargePayment(deps(), { orderId, userId, amount, token: paymentToken });
      return { orderId, chargeId };
    } catch (error) {
      if (error instanceof PaymentDeclinedError) countBusinessEvent('PaymentDeclined');
      throw error;
    }
  });

export const handler = processPaymentHandler();
