import * as z from 'zod';
import { moneySchema } from '../../shared/money.js';
import { text } from '../../shared/text.js';

/** The catalog's public shapes: HTTP bodies, events and the read contract share them. */

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const CATEGORY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const skuSchema = z.string().regex(SKU_PATTERN);
export const categoryIdSchema = z.string().regex(CATEGORY_ID_PATTERN);

const productFields = {
  name: text(200),
  description: text(2000, { min: 0, multiline: true }),
  category: categoryIdSchema,
  price: moneySchema,
};

export const createProductBody = z.strictObject({ sku: skuSchema, ...productFields });
export const updateProductBody = z.strictObject(productFields);
export const createCategoryBody = z.strictObject({
  id: categoryIdSchema,
  name: text(100),
});
export const skuPath = z.object({ sku: skuSchema });

export type CreateProductInput = z.infer<typeof createProductBody>;
export type UpdateProductInput = z.infer<typeof updateProductBody>;
export type CreateCategoryInput = z.infer<typeof createCategoryBody>;

export const productView = z.object({
  sku: skuSchema,
  name: z.string(),
  description: z.string(),
  category: categoryIdSchema,
  price: moneySchema,
  inStock: z.boolean(),
});
export type ProductView = z.infer<typeof productView>;

export const categoryView = z.object({ id: categoryIdSchema, name: z.string() });
export type CategoryView = z.infer<typeof categoryView>;
