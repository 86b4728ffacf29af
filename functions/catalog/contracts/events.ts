import * as z from 'zod/mini';
import { defineEvent } from '../../shared/events/define-event.js';
import { moneySchema } from '../../shared/money.js';
import { categoryIdSchema, skuSchema } from './schemas.js';

const source = 'shop.catalog';

const productState = z.object({
  sku: skuSchema,
  name: z.string(),
  description: z.string(),
  category: categoryIdSchema,
  price: moneySchema,
});

export const ProductCreated = defineEvent({
  source,
  detailType: 'ProductCreated',
  version: 1,
  data: productState,
});

export const ProductUpdated = defineEvent({
  source,
  detailType: 'ProductUpdated',
  version: 1,
  data: productState,
});

export const ProductPriceChanged = defineEvent({
  source,
  detailType: 'ProductPriceChanged',
  version: 1,
  data: z.object({ sku: skuSchema, previousPrice: moneySchema, price: moneySchema }),
});

export const ProductDeleted = defineEvent({
  source,
  detailType: 'ProductDeleted',
  version: 1,
  data: z.object({ sku: skuSchema }),
});

/** A category has a new name (search finds its products by it from the rename on, through the catalog's change log). */
export const CategoryRenamed = defineEvent({
  source,
  detailType: 'CategoryRenamed',
  version: 1,
  data: z.object({ categoryId: categoryIdSchema }),
});

export const catalogEvents = [
  ProductCreated,
  ProductUpdated,
  ProductPriceChanged,
  ProductDeleted,
  CategoryRenamed,
] as const;
