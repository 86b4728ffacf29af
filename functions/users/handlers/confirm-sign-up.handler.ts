import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { confirmSignUp } from '../use-cases/sign-up.js';

export const confirmSignUpHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.confirmSignUp, async ({ body }) => {
    await confirmSignUp(deps(), body.email, body.code);
    return noContent();
  });

export const handler = confirmSignUpHandler();
