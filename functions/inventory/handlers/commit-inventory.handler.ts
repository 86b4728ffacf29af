import { OrderConfirmed } from '../../orders/contracts/events.js';
import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { inventoryDependencies } from '../dependencies.js';
import { commitInventory } from '../use-cases/commit-inventory.js';

/**
 * A confirmed order's held units are sold: the hold can no longer expire.
 * Only a HELD reservation is committed: a duplicate finds it COMMITTED.
 */
export const commitInventoryHandler = (deps = inventoryDependencies) =>
  eventConsumer(
    [OrderConfirmed],
    async (event) => {
      await commitInventory(deps(), { orderId: event.detail.data.orderId });
    },
    { name: 'CommitInventory', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = commitInventoryHandler();
