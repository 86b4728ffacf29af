import { sagaTask } from '../../shared/invoke/saga-task.js';
import { ReleaseInventoryTask } from '../contracts/saga-tasks.js';
import { inventoryDependencies } from '../dependencies.js';
import { releaseInventory } from '../use-cases/release-inventory.js';

export const releaseInventoryHandler = (deps = inventoryDependencies) =>
  sagaTask(ReleaseInventoryTask, async ({ orderId }) => ({
    orderId,
    outcome: await releaseInventory(deps(), { orderId }),
  }));

export const handler = releaseInventoryHandler();
