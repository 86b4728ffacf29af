import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { refreshTokens } from '../use-cases/sessions.js';

export const refreshTokensHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.refreshTokens, ({ body }) => refreshTokens(deps(), body.refreshToken));

export const handler = refreshTokensHandler();
