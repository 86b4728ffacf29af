import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { accessTokenOf } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { disableMfa } from '../use-cases/mfa.js';

export const disableMfaHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.disableMfa, async ({ headers }) => {
    await disableMfa(deps(), accessTokenOf(headers));
    return noContent();
  });

export const handler = disableMfaHandler();
