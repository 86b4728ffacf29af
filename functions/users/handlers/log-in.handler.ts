import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { logIn } from '../use-cases/sessions.js';

export const logInHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.logIn, ({ body }) => logIn(deps(), body.email, body.password));

export const handler = logInHandler();
