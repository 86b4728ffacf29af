import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { updateProfile } from '../use-cases/profile.js';

export const updateProfileHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.updateProfile, ({ caller, body }) => updateProfile(deps(), caller.userId, body.name));

export const handler = updateProfileHandler();
