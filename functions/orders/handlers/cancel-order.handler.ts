import { sagaTask } from '../../shared/invoke/saga-task.js';
import { countBusinessEvent } from '../../shared/observability.js';
import { CancelOrderTask } from '../contracts/order-saga.js';
import { orderStepDependencies } from '../dependencies.js';
import { cancelOrder } from '../use-cases/saga-steps.js';

export const cancelOrderHandler = (deps = orderStepDependencies) =>
  sagaTask(CancelOrderTask, async (input) => {
    const outcome = await cancelOrder(deps(), input);
    if (outcome.reason) countBusinessEvent('OrderCancelled', { reason: outcome.reason });
    return outcome;
  });

export const handler = cancelOrderHandler();
