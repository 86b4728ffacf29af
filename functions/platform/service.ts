import packageJson from '../../package.json' with { type: 'json' };
import { defineService } from '../shared/service-manifest.js';
import { healthConfig, noConfig } from './config.js';
import { platformRoutes } from './contracts/routes.js';

/** What belongs to the API as a whole rather than to one service. */
export const platformService = defineService({
  name: 'platform',
  purpose: 'the health check and the OpenAPI document',
  functions: {
    GetHealth: {
      config: healthConfig,
      memorySize: 128,
      paymentProvider: 'name',
      settings: { SHOP_VERSION: packageJson.version },
      trigger: { route: platformRoutes.getHealth },
    },
    GetOpenApi: { config: noConfig, trigger: { route: platformRoutes.getOpenApi } },
  },
});
