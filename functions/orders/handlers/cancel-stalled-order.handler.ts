import { InventoryReleased } from '../../inventory/contracts/events.js';
import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { ordersDependencies } from '../dependencies.js';
import { cancelStalledOrder } from '../use-cases/cancel-stalled-order.js';

/** A duplicate finds the order cancelling or cancelled, or the workflow already started. */
export const cancelStalledOrderHandler = (deps = ordersDependencies) =>
  eventConsumer(
    [InventoryReleased],
    async (event) => {
      await cancelStalledOrder(deps(), event.detail.data);
    },
    { name: 'CancelStalledOrder', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = cancelStalledOrderHandler();
