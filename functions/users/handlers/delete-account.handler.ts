import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { usersRoutes } from '../contracts/routes.js';
import { usersDependencies } from '../dependencies.js';
import { deleteAccount } from '../use-cases/account.js';

export const deleteAccountHandler = (deps = usersDependencies) =>
  httpRoute(usersRoutes.deleteAccount, async ({ caller }) => {
    await deleteAccount(deps(), caller.userId);
    return noContent();
  });

export const handler = deleteAccountHandler();
