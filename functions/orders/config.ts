import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

const store = { ORDERS_TABLE_NAME: z.string().min(1) };

/** The saga's order steps and the history consumer: the table only. */
export const ordersConfig = defineConfig(store);

/**
 * The routes and the saga starter: they also read the catalog and the cart
 * and start workflows. Kept apart from `ordersConfig` because the workflows
 * call the step functions, which therefore must not depend on the workflows.
 */
export const ordersApiConfig = defineConfig({
  ...store,
  /** The catalog's GetProducts read contract. */
  CATALOG_GET_PRODUCTS_FUNCTION: z.string().min(1),
  /** The cart's GetCartLines read contract. */
  CART_GET_CART_LINES_FUNCTION: z.string().min(1),
  ORDER_SAGA_ARN: z.string().min(1),
  ORDER_CANCELLATION_ARN: z.string().min(1),
  /** Signs list cursors; at least 32 characters of secret. */
  CURSOR_SECRET: z.string().min(32),
});
