import { sagaTask } from '../../shared/invoke/saga-task.js';
import { countBusinessEvent } from '../../shared/observability.js';
import { ConfirmOrderTask } from '../contracts/order-saga.js';
import { confirmationDependencies } from '../dependencies.js';
import { confirmOrder } from '../use-cases/saga-steps.js';

export const confirmOrderHandler = (deps = confirmationDependencies) =>
  sagaTask(ConfirmOrderTask, async ({ orderId }) => {
    const { changed } = await confirmOrder(deps(), orderId);
    // Counted once per order, not once per retried or repeated step.
    if (changed) countBusinessEvent('OrderConfirmed');
    return { orderId, status: 'CONFIRMED' as const };
  });

export const handler = confirmOrderHandler();
