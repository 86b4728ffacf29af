import { httpRoute } from '../../shared/http/http-route.js';
import { refreshTokensBody } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { refreshTokens } from '../use-cases/sessions.js';

export const refreshTokensHandler = (deps = usersDependencies) =>
  httpRoute({ access: 'public', body: refreshTokensBody }, ({ body }) =>
    refreshTokens(deps(), body.refreshToken),
  );

export const handler = refreshTokensHandler();
