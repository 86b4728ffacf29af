import { sagaTask } from '../../shared/invoke/saga-task.js';
import { ReserveInventoryTask } from '../contracts/saga-tasks.js';
import { inventoryDependencies } from '../dependencies.js';
import { reserveInventory } from '../use-cases/reserve-inventory.js';

export const reserveInventoryHandler = (deps = inventoryDependencies) =>
  sagaTask(ReserveInventoryTask, ({ orderId, lines }) => reserveInventory(deps(), { orderId, lines }));

export const handler = reserveInventoryHandler();
