import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { getProfile } from '../use-cases/profile.js';

export const getProfileHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.getProfile, ({ caller }) => getProfile(deps(), caller.userId));

export const handler = getProfileHandler();
