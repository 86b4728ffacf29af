import { StockAvailabilityChanged } from '../../inventory/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { catalogDependencies } from '../dependencies.js';
import { updateStockStatus } from '../use-cases/update-stock-status.js';

export const updateStockStatusHandler = (deps = catalogDependencies) =>
  eventConsumer([StockAvailabilityChanged], async (event) => {
    await updateStockStatus(deps(), event.detail.data);
  });

export const handler = updateStockStatusHandler();
