import * as z from 'zod';
import { defineRoute } from '../../shared/http/route-spec.js';
import { pageOf, pageQuery } from '../../shared/pagination.js';
import {
  categoryIdSchema,
  categoryView,
  createCategoryBody,
  createProductBody,
  productView,
  skuPath,
  updateProductBody,
} from './schemas.js';

/** The catalog's HTTP routes (API.md). */
export const catalogRoutes = {
  listProducts: defineRoute({
    key: 'GET /products',
    summary: 'Products on sale, optionally in one category',
    access: 'public',
    query: z.strictObject({ category: categoryIdSchema.optional(), ...pageQuery }),
    response: pageOf(productView),
  }),
  getProduct: defineRoute({
    key: 'GET /products/{sku}',
    summary: 'One product',
    access: 'public',
    path: skuPath,
    response: productView,
  }),
  listCategories: defineRoute({
    key: 'GET /categories',
    summary: 'Every category',
    access: 'public',
    response: z.object({ items: z.array(categoryView) }),
  }),
  createProduct: defineRoute({
    key: 'POST /products',
    summary: 'Add a product to the catalog',
    access: 'admin',
    body: createProductBody,
    successStatus: 201,
    response: productView,
    errors: [409],
    metric: 'ProductCreated',
  }),
  updateProduct: defineRoute({
    key: 'PUT /products/{sku}',
    summary: "Replace a product's name, description, category and price",
    access: 'admin',
    path: skuPath,
    body: updateProductBody,
    response: productView,
    metric: 'ProductUpdated',
  }),
  deleteProduct: defineRoute({
    key: 'DELETE /products/{sku}',
    summary: 'Take a product off the catalog',
    access: 'admin',
    path: skuPath,
    successStatus: 204,
    metric: 'ProductDeleted',
  }),
  createCategory: defineRoute({
    key: 'POST /categories',
    summary: 'Add a category',
    access: 'admin',
    body: createCategoryBody,
    successStatus: 201,
    response: categoryView,
    errors: [409],
    metric: 'CategoryCreated',
  }),
};
