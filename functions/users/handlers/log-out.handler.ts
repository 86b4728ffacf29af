import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { logOut } from '../use-cases/sessions.js';

export const logOutHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.logOut, async ({ body }) => {
    await logOut(deps(), body.refreshToken);
    return noContent();
  });

export const handler = logOutHandler();
