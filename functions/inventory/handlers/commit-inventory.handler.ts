import { OrderConfirmed } from '../../orders/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { inventoryDependencies, inventoryInbox } from '../dependencies.js';
import { commitInventory } from '../use-cases/commit-inventory.js';

/** A confirmed order's held units are sold: the hold can no longer expire. */
export const commitInventoryHandler = (deps = inventoryDependencies, inbox = inventoryInbox) =>
  eventConsumer(
    [OrderConfirmed],
    async (event) => {
      await commitInventory(deps(), { orderId: event.detail.data.orderId });
    },
    { name: 'CommitInventory', inbox },
  );

export const handler = commitInventoryHandler();
