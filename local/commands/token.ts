import { parseArgs } from 'node:util';
import { readLocalState, runningCloud } from './running-cloud.js';

/**
 * Prints an access token from the running local cloud's identity, for manual calls:
 *   npm run token -- --admin
 *   npm run token -- --email someone@example.com --password 'their password'
 * Add --id for the ID token instead.
 */
const { values } = parseArgs({
  options: {
    admin: { type: 'boolean', default: false },
    email: { type: 'string' },
    password: { type: 'string' },
    id: { type: 'boolean', default: false },
  },
});

const endpoints = runningCloud();
const credentials = values.admin
  ? readLocalState<{ email: string; password: string }>(
      'admin.json',
      'The local cloud has not seeded its admin yet.',
    )
  : values.email && values.password
    ? { email: values.email, password: values.password }
    : undefined;
if (!credentials) {
  process.stderr.write('Usage: npm run token -- --admin | --email <email> --password <password> [--id]\n');
  process.exit(2);
}

const response = await fetch(endpoints.awsEndpoint, {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
  },
  body: JSON.stringify({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: endpoints.clientId,
    AuthParameters: { USERNAME: credentials.email, PASSWORD: credentials.password },
  }),
}).catch(() => undefined);
if (!response) {
  process.stderr.write('The local cloud does not answer. Is `npm start` still running?\n');
  process.exit(1);
}
const result = (await response.json()) as {
  AuthenticationResult?: { AccessToken: string; IdToken: string };
  message?: string;
};
if (!result.AuthenticationResult) {
  process.stderr.write(`Sign-in failed: ${result.message ?? response.status}\n`);
  process.exit(1);
}
process.stdout.write(
  `${values.id ? result.AuthenticationResult.IdToken : result.AuthenticationResult.AccessToken}\n`,
);
