import { catalogReader } from '../catalog/contracts/get-products.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { dynamoInbox, type Inbox } from '../shared/events/inbox.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { dynamoInventoryStore } from './adapters/dynamodb-inventory-store.js';
import { inventoryConfig, setStockConfig } from './config.js';
import type { InventoryDependencies, SetStockDependencies } from './use-cases/ports.js';

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

let setStockDeps: SetStockDependencies | undefined;

/** What setting stock needs beyond the table: the catalog's word on a sku inventory has not heard of. */
export const setStockDependencies = (): SetStockDependencies => {
  if (!setStockDeps) {
    const catalog = catalogReader(lambdaInvoker(), setStockConfig.load().CATALOG_GET_PRODUCTS_FUNCTION);
    setStockDeps = {
      ...inventoryDependencies(),
      catalog: { has: async (sku) => (await catalog.getProducts([sku])).length > 0 },
    };
  }
  return setStockDeps;
};

let inbox: Inbox | undefined;

/** The event ids inventory's consumers have handled, in its own table. */
export const inventoryInbox = (): Inbox => {
  inbox ??= dynamoInbox(dynamoDocumentClient(), inventoryConfig.load().INVENTORY_TABLE_NAME);
  return inbox;
};
