import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { accessTokenOf } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { startTotp } from '../use-cases/mfa.js';

export const startTotpHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.startTotp, ({ headers }) => startTotp(deps(), accessTokenOf(headers)));

export const handler = startTotpHandler();
