import { defineConfig } from '../shared/config.js';
import { defineService } from '../shared/service-manifest.js';
import { platformRoutes } from './contracts/routes.js';

const noConfig = defineConfig({});

/** What belongs to the API as a whole rather than to one service. */
export const platformService = defineService({
  name: 'platform',
  purpose: 'the health check and the OpenAPI document',
  functions: {
    GetHealth: { config: noConfig, memorySize: 128, trigger: { route: platformRoutes.getHealth } },
    GetOpenApi: { config: noConfig, trigger: { route: platformRoutes.getOpenApi } },
  },
});
