import { httpRoute } from '../../shared/http/http-route.js';
import { updateProfileBody } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { updateProfile } from '../use-cases/profile.js';

export const updateProfileHandler = (deps = usersDependencies) =>
  httpRoute({ access: 'customer', body: updateProfileBody }, ({ caller, body }) =>
    updateProfile(deps(), caller.userId, body.name),
  );

export const handler = updateProfileHandler();
