import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { cognitoClient, cognitoIdentity } from './adapters/cognito-identity.js';
import { dynamoProfileStore } from './adapters/dynamodb-profile-store.js';
import { usersConfig } from './config.js';
import type { UsersDependencies } from './use-cases/ports.js';

let dependencies: UsersDependencies | undefined;

/** The users service's real adapters, built on first use and kept for the container's life. */
export const usersDependencies = (): UsersDependencies => {
  if (!dependencies) {
    const config = usersConfig.load();
    dependencies = {
      // Cognito's package loads with the first identity request: the profile routes never make one.
      identity: cognitoIdentity(cognitoClient(), {
        userPoolId: config.USER_POOL_ID,
        clientId: config.USER_POOL_CLIENT_ID,
      }),
      profiles: dynamoProfileStore(dynamoDocumentClient(), config.USERS_TABLE_NAME),
      clock: () => new Date(),
    };
  }
  return dependencies;
};
