import { serveContract } from '../../shared/invoke/contract.js';
import { sagaTask } from '../../shared/invoke/saga-task.js';
import type { LambdaHandler } from '../../shared/middleware.js';
import { CommitInventory, type CommitOutcome } from '../contracts/commit-inventory.js';
import { CommitInventoryTask } from '../contracts/saga-tasks.js';
import { inventoryDependencies } from '../dependencies.js';
import { ReservationNotHeldError } from '../domain/errors.js';
import { commitInventory } from '../use-cases/commit-inventory.js';

/**
 * Sells an order's held units: orders' ConfirmOrder calls it through the
 * CommitInventory contract before it confirms the order. A hold given back
 * already is answered NOT_HELD. An execution of the saga started before
 * ConfirmOrder sold the units itself ran it as a step of its own, with the
 * saga task's input (no `request`) and its refusal thrown: the same function
 * still answers it, so that a deploy lets those executions finish.
 */
export const commitInventoryHandler = (deps = inventoryDependencies): LambdaHandler<unknown, unknown> => {
  const contract = serveContract(CommitInventory, async ({ orderId }): Promise<CommitOutcome> => {
    try {
      return await commitInventory(deps(), { orderId });
    } catch (error) {
      if (error instanceof ReservationNotHeldError) return { outcome: 'NOT_HELD' };
      throw error;
    }
  });
  const step = sagaTask(CommitInventoryTask, async ({ orderId }) => ({
    orderId,
    ...(await commitInventory(deps(), { orderId })),
  }));
  return (event, context) =>
    typeof event === 'object' && event !== null && 'request' in event
      ? contract(event, context)
      : step(event, context);
};

export const handler = commitInventoryHandler();
