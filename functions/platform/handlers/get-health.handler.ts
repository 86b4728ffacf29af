import { httpRoute } from '../../shared/http/http-route.js';

/** Liveness of the API: API Gateway routed the request and a function answered. */
export const handler = httpRoute({ access: 'public' }, async () => ({ status: 'ok' }));
