import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

export const cartConfig = defineConfig({
  CART_TABLE_NAME: z.string().min(1),
  /** The catalog's GetProducts read contract. */
  CATALOG_GET_PRODUCTS_FUNCTION: z.string().min(1),
});
