import { httpRoute } from '../../shared/http/http-route.js';
import { platformRoutes } from '../contracts/routes.js';
import { shopOpenApi } from '../shop-api.js';

let document: ReturnType<typeof shopOpenApi> | undefined;

/** The API's OpenAPI document, built once per sandbox from the route specs. */
export const handler = httpRoute(platformRoutes.getOpenApi, async () => {
  document ??= shopOpenApi();
  return document;
});
