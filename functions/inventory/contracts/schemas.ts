import * as z from 'zod';
import { skuSchema } from '../../catalog/contracts/schemas.js';

export const orderLineSchema = z.object({ sku: skuSchema, quantity: z.number().int().min(1).max(10_000) });
export type OrderLine = z.infer<typeof orderLineSchema>;

export const stockView = z.object({
  sku: skuSchema,
  available: z.number().int().min(0),
  reserved: z.number().int().min(0),
});
export type StockView = z.infer<typeof stockView>;

export const skuPath = z.object({ sku: skuSchema });
export const setStockBody = z.strictObject({ available: z.number().int().min(0).max(1_000_000) });
