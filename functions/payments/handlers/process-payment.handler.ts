import { sagaTask } from '../../shared/invoke/saga-task.js';
import { ProcessPaymentTask } from '../contracts/saga-tasks.js';
import { paymentsDependencies } from '../dependencies.js';
import { chargePayment } from '../use-cases/charge-payment.js';

export const processPaymentHandler = (deps = paymentsDependencies) =>
  sagaTask(ProcessPaymentTask, async ({ orderId, userId, amount, paymentToken }) => {
    const { chargeId } = await chargePayment(deps(), { orderId, userId, amount, token: paymentToken });
    return { orderId, chargeId };
  });

export const handler = processPaymentHandler();
