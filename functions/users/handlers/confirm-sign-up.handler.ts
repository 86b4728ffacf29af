import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { confirmSignUpBody } from '../contracts/schemas.js';
import { usersDependencies } from '../dependencies.js';
import { confirmSignUp } from '../use-cases/sessions.js';

export const confirmSignUpHandler = (deps = usersDependencies) =>
  httpRoute({ access: 'public', body: confirmSignUpBody }, async ({ body }) => {
    await confirmSignUp(deps(), body.email, body.code);
    return noContent();
  });

export const handler = confirmSignUpHandler();
