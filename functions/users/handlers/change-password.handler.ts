import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { accessTokenOf } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { changePassword } from '../use-cases/sessions.js';

export const changePasswordHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.changePassword, async ({ body, headers }) => {
    await changePassword(deps(), accessTokenOf(headers), body.currentPassword, body.newPassword);
    return noContent();
  });

export const handler = changePasswordHandler();
