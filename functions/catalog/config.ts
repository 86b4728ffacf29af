import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';
import { cursorKeyVariables } from '../shared/secret-cursors.js';

const store = { CATALOG_TABLE_NAME: z.string().check(z.minLength(1)) };

/** Each function's environment is what it uses (functions/catalog/service.ts). */
export const catalogConfig = defineConfig(store);
export const listProductsConfig = defineConfig({ ...store, ...cursorKeyVariables });
