import { reportedProvider } from '../../payments/contracts/provider.js';
import { httpRoute } from '../../shared/http/http-route.js';
import { healthConfig } from '../config.js';
import { platformRoutes } from '../contracts/routes.js';

/** Liveness of the API: API Gateway routed the request and a function answered. */
export const getHealthHandler = (clock = () => new Date()) =>
  httpRoute(platformRoutes.getHealth, async () => {
    const { SHOP_VERSION, PAYMENT_PROVIDER } = healthConfig.load();
    return {
      status: 'ok' as const,
      version: SHOP_VERSION,
      time: clock().toISOString(),
      payments: reportedProvider(PAYMENT_PROVIDER),
    };
  });

export const handler = getHealthHandler();
