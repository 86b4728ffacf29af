import { sagaTask } from '../../shared/invoke/saga-task.js';
import { CancelOrderTask } from '../contracts/order-saga.js';
import { orderStepDependencies } from '../dependencies.js';
import { cancelOrder } from '../use-cases/saga-steps.js';

export const cancelOrderHandler = (deps = orderStepDependencies) =>
  sagaTask(CancelOrderTask, (input) => cancelOrder(deps(), input));

export const handler = cancelOrderHandler();
