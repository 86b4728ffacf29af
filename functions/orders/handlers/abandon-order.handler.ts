import { sagaTask } from '../../shared/invoke/saga-task.js';
import { AbandonOrderTask } from '../contracts/order-saga.js';
import { orderStepDependencies } from '../dependencies.js';
import { abandonOrder } from '../use-cases/saga-steps.js';

export const abandonOrderHandler = (deps = orderStepDependencies) =>
  sagaTask(AbandonOrderTask, (input) => abandonOrder(deps(), input));

export const handler = abandonOrderHandler();
