import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { accessTokenOf } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { enableTotp } from '../use-cases/mfa.js';

export const verifyTotpHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.verifyTotp, async ({ body, headers }) => {
    await enableTotp(deps(), accessTokenOf(headers), body.code);
    return noContent();
  });

export const handler = verifyTotpHandler();
