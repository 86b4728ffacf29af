import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';

const stock = {
  INVENTORY_TABLE_NAME: z.string().check(z.minLength(1)),
  /** StockLow is published when available stock of a sku falls below this. */
  LOW_STOCK_THRESHOLD: z.coerce.number().check(z.int(), z.gte(0)),
};

export const inventoryConfig = defineConfig(stock);

/** Setting stock also asks the catalog, through its GetProducts contract, about a sku inventory has not heard of. */
export const setStockConfig = defineConfig({
  ...stock,
  CATALOG_GET_PRODUCTS_FUNCTION: z.string().check(z.minLength(1)),
});
