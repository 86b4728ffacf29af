import { ProductCreated } from '../../catalog/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { inventoryDependencies, inventoryInbox } from '../dependencies.js';
import { createStockItem } from '../use-cases/create-stock-item.js';

export const createStockItemHandler = (deps = inventoryDependencies, inbox = inventoryInbox) =>
  eventConsumer(
    [ProductCreated],
    async (event) => {
      await createStockItem(deps(), event.detail.data.sku);
    },
    { name: 'CreateStockItem', inbox },
  );

export const handler = createStockItemHandler();
