import * as z from 'zod/mini';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { warehouseIdSchema } from './warehouses.js';

export const orderLineSchema = z.object({ sku: skuSchema, quantity: z.int().check(z.gte(1), z.lte(10_000)) });
export type OrderLine = z.infer<typeof orderLineSchema>;

const units = z.int().check(z.gte(0));

export const stockView = z.object({
  sku: skuSchema,
  available: units,
  reserved: units,
  /** The same counts per warehouse; the totals are their sums. Main first. */
  warehouses: z.array(z.object({ warehouseId: warehouseIdSchema, available: units, reserved: units })),
});
export type StockView = z.infer<typeof stockView>;

export const skuPath = z.object({ sku: skuSchema });
export const skuWarehousePath = z.object({ sku: skuSchema, warehouseId: warehouseIdSchema });
export const setStockBody = z.strictObject({ available: z.int().check(z.gte(0), z.lte(1_000_000)) });
