import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { accessTokenOf } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { startTotp } from '../use-cases/mfa.js';

export const startTotpHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.startTotp, ({ headers, caller }) =>
    startTotp(deps(), accessTokenOf(headers), caller.userId),
  );

export const handler = startTotpHandler();
