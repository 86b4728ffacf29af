import { httpRoute } from '../../shared/http/http-route.js';
import { platformRoutes } from '../contracts/routes.js';

/** Liveness of the API: API Gateway routed the request and a function answered. */
export const handler = httpRoute(platformRoutes.getHealth, async () => ({ status: 'ok' }));
