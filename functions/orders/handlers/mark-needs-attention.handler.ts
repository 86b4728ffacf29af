import { sagaTask } from '../../shared/invoke/saga-task.js';
import { MarkNeedsAttentionTask } from '../contracts/order-saga.js';
import { orderStepDependencies } from '../dependencies.js';
import { markNeedsAttention } from '../use-cases/saga-steps.js';

export const markNeedsAttentionHandler = (deps = orderStepDependencies) =>
  sagaTask(MarkNeedsAttentionTask, (input) => markNeedsAttention(deps(), input));

export const handler = markNeedsAttentionHandler();
