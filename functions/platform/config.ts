import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

export const noConfig = defineConfig({});

/** What GET /health reports besides liveness: set from the build (functions/platform/service.ts). */
export const healthConfig = defineConfig({
  SHOP_VERSION: z.string().min(1),
  PAYMENT_PROVIDER: z.string().min(1),
});
