import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { dynamoInventoryStore } from './adapters/dynamodb-inventory-store.js';
import { inventoryConfig } from './config.js';
import type { InventoryDependencies } from './use-cases/ports.js';

let dependencies: InventoryDependencies | undefined;

/** Inventory's real adapters, built on first use and kept for the container's life. */
export const inventoryDependencies = (): InventoryDependencies => {
  if (!dependencies) {
    const config = inventoryConfig.load();
    dependencies = {
      store: dynamoInventoryStore(dynamoDocumentClient(), config.INVENTORY_TABLE_NAME),
      clock: () => new Date(),
      lowStockThreshold: config.LOW_STOCK_THRESHOLD,
    };
  }
  return dependencies;
};

let inbox: Inbox | undefined;

/** The event ids inventory's consumers have handled, in its own table. */
export const inventoryInbox = (): Inbox => {
  inbox ??= dynamoInbox(dynamoDocumentClient(), inventoryConfig.load().INVENTORY_TABLE_NAME);
  return inbox;
};
