import { httpRoute } from '../../shared/http/http-route.js';
import { signUpBody } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { signUp } from '../use-cases/sign-up.js';

export const signUpHandler = (deps = usersDependencies) =>
  httpRoute({ access: 'public', body: signUpBody, successStatus: 201, metric: 'UserSignedUp' }, ({ body }) =>
    signUp(deps(), body),
  );

export const handler = signUpHandler();
