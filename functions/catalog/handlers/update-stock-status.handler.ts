import { StockAvailabilityChanged } from '../../inventory/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { catalogDependencies, catalogInbox } from '../dependencies.js';
import { updateStockStatus } from '../use-cases/update-stock-status.js';

export const updateStockStatusHandler = (deps = catalogDependencies, inbox = catalogInbox) =>
  eventConsumer(
    [StockAvailabilityChanged],
    async (event) => {
      await updateStockStatus(deps(), event.detail.data);
    },
    { name: 'UpdateStockStatus', inbox },
  );

export const handler = updateStockStatusHandler();
