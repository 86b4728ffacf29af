import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

const store = { CATALOG_TABLE_NAME: z.string().min(1) };
/** Signs list cursors; at least 32 characters of secret. */
const cursors = { CURSOR_SECRET: z.string().min(32) };

/** Each function's environment is what it uses (functions/catalog/service.ts). */
export const catalogConfig = defineConfig(store);
export const listProductsConfig = defineConfig({ ...store, ...cursors });

/** Each adapter reads only its own variables, when it is first used. */
export const adapterConfigs = { cursors: defineConfig(cursors) };
