import * as z from 'zod/mini';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { moneySchema } from '../../shared/money.js';

export const MAX_QUANTITY = 10;

export const cartItemPath = z.object({ sku: skuSchema });
export const setCartItemBody = z.strictObject({ quantity: z.int().check(z.gte(1), z.lte(MAX_QUANTITY)) });

export const cartView = z.object({
  items: z.array(z.object({ sku: skuSchema, name: z.string(), quantity: z.int(), unitPrice: moneySchema })),
  total: moneySchema,
});
export type CartView = z.infer<typeof cartView>;
