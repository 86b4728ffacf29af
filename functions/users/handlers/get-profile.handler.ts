import { httpRoute } from '../../shared/http/http-route.js';
import { usersDependencies } from '../dependencies.js';
import { getProfile } from '../use-cases/profile.js';

export const getProfileHandler = (deps = usersDependencies) =>
  httpRoute({ access: 'customer' }, ({ caller }) => getProfile(deps(), caller.userId));

export const handler = getProfileHandler();
