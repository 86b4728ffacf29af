import { httpRoute } from '../../shared/http/http-route.js';
import { logInBody } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { logIn } from '../use-cases/sessions.js';

export const logInHandler = (deps = usersDependencies) =>
  httpRoute({ access: 'public', body: logInBody, metric: 'UserLoggedIn' }, ({ body }) =>
    logIn(deps(), body.email, body.password),
  );

export const handler = logInHandler();
