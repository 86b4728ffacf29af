import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';

const store = { CART_TABLE_NAME: z.string().check(z.minLength(1)) };

/** The checkout's read contract and the consumer that empties checked-out lines: the table only. */
export const cartStoreConfig = defineConfig(store);

/** The routes, which price the cart at read time. */
export const cartConfig = defineConfig({
  ...store,
  /** The catalog's GetProducts read contract. */
  CATALOG_GET_PRODUCTS_FUNCTION: z.string().check(z.minLength(1)),
});
