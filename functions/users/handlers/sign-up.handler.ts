import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { signUp } from '../use-cases/sign-up.js';

export const signUpHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.signUp, ({ body }) => signUp(deps(), body));

export const handler = signUpHandler();
