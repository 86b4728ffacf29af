import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { resendCode } from '../use-cases/sessions.js';

export const resendCodeHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.resendCode, async ({ body }) => {
    await resendCode(deps(), body.email);
    return noContent();
  });

export const handler = resendCodeHandler();
