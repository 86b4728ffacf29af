import { sagaTask } from '../../shared/invoke/saga-task.js';
import { countBusinessEvent } from '../../shared/observability.js';
import { ConfirmOrderTask } from '../contracts/order-saga.js';
import { orderStepDependencies } from '../dependencies.js';
import { confirmOrder } from '../use-cases/saga-steps.js';

export const confirmOrderHandler = (deps = orderStepDependencies) =>
  sagaTask(ConfirmOrderTask, async ({ orderId }) => {
    const outcome = await confirmOrder(deps(), orderId);
    countBusinessEvent('OrderConfirmed');
    return outcome;
  });

export const handler = confirmOrderHandler();
