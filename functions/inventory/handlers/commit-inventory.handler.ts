import { sagaTask } from '../../shared/invoke/saga-task.js';
import { CommitInventoryTask } from '../contracts/saga-tasks.js';
import { inventoryDependencies } from '../dependencies.js';
import { commitInventory } from '../use-cases/commit-inventory.js';

/** The saga's step between the charge and the confirmation: the held units are sold. */
export const commitInventoryHandler = (deps = inventoryDependencies) =>
  sagaTask(CommitInventoryTask, async ({ orderId }) => ({
    orderId,
    ...(await commitInventory(deps(), { orderId })),
  }));

export const handler = commitInventoryHandler();
