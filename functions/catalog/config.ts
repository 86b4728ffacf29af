import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

export const catalogConfig = defineConfig({
  CATALOG_TABLE_NAME: z.string().min(1),
  /** Signs list cursors; at least 32 characters of secret. */
  CURSOR_SECRET: z.string().min(32),
});
