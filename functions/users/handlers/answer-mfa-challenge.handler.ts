import { httpRoute } from '../../shared/http/http-route.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { answerMfaChallenge } from '../use-cases/sessions.js';

export const answerMfaChallengeHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.answerMfaChallenge, ({ body }) =>
    answerMfaChallenge(deps(), body.email, body.session, body.code),
  );

export const handler = answerMfaChallengeHandler();
