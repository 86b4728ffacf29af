import { serveContract } from '../../shared/invoke/contract.js';
import { ReleaseUnconfirmedSignUp } from '../contracts/release-sign-up.js';
import { usersDependencies } from '../dependencies.js';

export const releaseUnconfirmedSignUpHandler = (deps = usersDependencies) =>
  serveContract(ReleaseUnconfirmedSignUp, async ({ email }) => ({
    released: await deps().identity.releaseUnconfirmed(email),
  }));

export const handler = releaseUnconfirmedSignUpHandler();
