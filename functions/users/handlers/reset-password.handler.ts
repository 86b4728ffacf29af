import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { resetPassword } from '../use-cases/sessions.js';

export const resetPasswordHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.resetPassword, async ({ body }) => {
    await resetPassword(deps(), body.email, body.code, body.newPassword);
    return noContent();
  });

export const handler = resetPasswordHandler();
