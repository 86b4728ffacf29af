import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

export const inventoryConfig = defineConfig({
  INVENTORY_TABLE_NAME: z.string().min(1),
  /** StockLow is published when available stock of a sku falls below this. */
  LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0),
});
