import { ordersReader } from '../orders/contracts/list-recent-orders.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { once } from '../shared/once.js';
import { cognitoClient, cognitoIdentity } from './adapters/cognito-identity.js';
import { dynamoProfileStore } from './adapters/dynamodb-profile-store.js';
import { deleteAccountConfig, identityConfig, profilesConfig, signUpConfig } from './config.js';
import { signUpReleaser } from './contracts/release-sign-up.js';
import type { UsersDependencies } from './use-cases/ports.js';

let dependencies: UsersDependencies | undefined;

/**
 * The users service's real adapters. Each is built on its first use and kept
 * for the container's life, so a function reads only the variables it is given:
 * the profile routes never touch the pool, the token routes never the table,
 * and only account deletion asks orders anything.
 */
export const usersDependencies = (): UsersDependencies => {
  if (!dependencies) {
    const identity = once(() => {
      const config = identityConfig.load();
      // Cognito's package loads with the first identity request.
      return cognitoIdentity(cognitoClient(), {
        userPoolId: config.USER_POOL_ID,
        clientId: config.USER_POOL_CLIENT_ID,
      });
    });
    const profiles = once(() =>
      dynamoProfileStore(dynamoDocumentClient(), profilesConfig.load().USERS_TABLE_NAME),
    );
    const orders = once(() =>
      ordersReader(lambdaInvoker(), deleteAccountConfig.load().ORDERS_HAS_OPEN_ORDERS_FUNCTION),
    );
    const releaser = once(() =>
      signUpReleaser(lambdaInvoker(), signUpConfig.load().USERS_RELEASE_UNCONFIRMED_SIGN_UP_FUNCTION),
    );
    dependencies = {
      get identity() {
        return identity();
      },
      get profiles() {
        return profiles();
      },
      openOrders: (userId) => orders().hasOpenOrders(userId),
      releaseUnconfirmedSignUp: (email) => releaser().releaseUnconfirmed(email),
      clock: () => new Date(),
    };
  }
  return dependencies;
};
