import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { getUser } from '../use-cases/profile.js';

export const getUserHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.getUser, ({ path }) => getUser(deps(), path.userId));

export const handler = getUserHandler();
