import * as z from 'zod/mini';
import { paymentProviderVariables } from '../payments/contracts/provider.js';
import { defineConfig } from '../shared/config.js';

export const noConfig = defineConfig({});

/** What GET /health reports besides liveness: set from the build (functions/platform/service.ts). */
export const healthConfig = defineConfig({
  SHOP_VERSION: z.string().check(z.minLength(1)),
  ...paymentProviderVariables,
});
