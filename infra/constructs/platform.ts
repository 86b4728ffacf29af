import { Construct } from 'constructs';
import { platformRoutes } from '../../functions/platform/contracts/routes.js';
import { defineConfig } from '../../functions/shared/config.js';
import type { ShopHttpApi } from './http-api.js';
import { ServiceFunction } from './service-function.js';

const noConfig = defineConfig({});

/** What belongs to the API as a whole rather than to one service: the health check and the OpenAPI document. */
export class Platform extends Construct {
  constructor(scope: Construct, id: string, { api }: { api: ShopHttpApi }) {
    super(scope, id);
    const getHealth = new ServiceFunction(this, 'GetHealth', {
      service: 'platform',
      config: noConfig,
      environment: {},
      memorySize: 128,
    });
    api.addRoute(platformRoutes.getHealth, getHealth);
    const getOpenApi = new ServiceFunction(this, 'GetOpenApi', {
      service: 'platform',
      config: noConfig,
      environment: {},
      memorySize: 256,
    });
    api.addRoute(platformRoutes.getOpenApi, getOpenApi);
  }
}
