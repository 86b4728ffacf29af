import { sagaTask } from '../../shared/invoke/saga-task.js';
import { ConfirmOrderTask } from '../contracts/order-saga.js';
import { orderStepDependencies } from '../dependencies.js';
import { confirmOrder } from '../use-cases/saga-steps.js';

export const confirmOrderHandler = (deps = orderStepDependencies) =>
  sagaTask(ConfirmOrderTask, ({ orderId }) => confirmOrder(deps(), orderId));

export const handler = confirmOrderHandler();
