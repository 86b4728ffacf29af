import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { forgotPassword } from '../use-cases/sessions.js';

export const forgotPasswordHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.forgotPassword, async ({ body }) => {
    await forgotPassword(deps(), body.email);
    return noContent();
  });

export const handler = forgotPasswordHandler();
