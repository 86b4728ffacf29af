import { parseArgs } from 'node:util';
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN_GROUP } from '../../functions/shared/http/caller.js';
import { localClientConfig, runningCloud } from './running-cloud.js';

/**
 * Makes a signed-up user an admin (the `admin` group of the user pool):
 *   npm run admin:grant -- someone@example.com                         (the running local cloud)
 *   npm run admin:grant -- someone@example.com --user-pool-id <id>     (a deployed stack: the ShopData output
 *                                                                       IdentityUserPoolId…, with the AWS
 *                                                                       credentials and region of the environment)
 * The user's next sign-in carries the group.
 */
const { values, positionals } = parseArgs({
  options: { 'user-pool-id': { type: 'string' } },
  allowPositionals: true,
});
const [email] = positionals;
if (!email) {
  process.stderr.write('Usage: npm run admin:grant -- <email> [--user-pool-id <id>]\n');
  process.exit(2);
}

const target = values['user-pool-id']
  ? { client: new CognitoIdentityProviderClient({}), poolId: values['user-pool-id'] }
  : (() => {
      const cloud = runningCloud();
      return { client: new CognitoIdentityProviderClient(localClientConfig(cloud)), poolId: cloud.poolId };
    })();

await target.client.send(
  new AdminAddUserToGroupCommand({ UserPoolId: target.poolId, Username: email, GroupName: ADMIN_GROUP }),
);
process.stdout.write(
  `${email} is now in the ${ADMIN_GROUP} group of ${target.poolId}; it takes effect at the next sign-in.\n`,
);
