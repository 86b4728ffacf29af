import * as z from 'zod/mini';
import { MAX_AMOUNT, moneySchema } from '../../shared/money.js';
import { pageQuery } from '../../shared/pagination.js';
import { text } from '../../shared/text.js';
import { SORTS } from './vocabulary.js';

/** The catalog's public shapes: HTTP bodies, events and the read contract share them. */

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const CATEGORY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const skuSchema = z.string().check(z.regex(SKU_PATTERN));
export const categoryIdSchema = z.string().check(z.regex(CATEGORY_ID_PATTERN));

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
export const renameCategoryBody = z.strictObject({ name: text(100) });
export const skuPath = z.object({ sku: skuSchema });
export const categoryPath = z.object({ id: categoryIdSchema });

const priceBound = z.coerce.number().check(z.int(), z.gte(0), z.lte(MAX_AMOUNT));

/** `GET /products`: a search when `q` is given, else a listing; filters combine (AND). */
export const productQuery = z
  .strictObject({
    q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    category: z.optional(categoryIdSchema),
    minPrice: z.optional(priceBound),
    maxPrice: z.optional(priceBound),
    inStock: z.optional(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((value) => value === 'true'),
      ),
    ),
    sort: z.optional(z.enum(SORTS)),
    ...pageQuery,
  })
  .check(
    z.superRefine((query, context) => {
      if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice)
        context.addIssue({ code: 'custom', path: ['maxPrice'], message: 'must not be below minPrice' });
      if (query.sort === 'relevance' && query.q === undefined)
        context.addIssue({ code: 'custom', path: ['sort'], message: 'relevance needs a query (q)' });
    }),
  );
export type ProductQuery = z.infer<typeof productQuery>;

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
export const countedCategoryView = z.extend(categoryView, { productCount: z.int().check(z.gte(0)) });
export type CountedCategoryView = z.infer<typeof countedCategoryView>;
