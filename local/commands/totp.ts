import { parseArgs } from 'node:util';
import { runningCloud } from './running-cloud.js';

/**
 * Prints the TOTP secret of a local account and the code an authenticator app
 * would show for it now, to test MFA without a phone:
 *   npm run totp -- --email someone@example.com
 */
const { values } = parseArgs({ options: { email: { type: 'string' } } });
if (!values.email) {
  process.stderr.write('Usage: npm run totp -- --email <email>\n');
  process.exit(2);
}
const endpoints = runningCloud();
const response = await fetch(
  `${endpoints.awsEndpoint}/_local/identity/totp?email=${encodeURIComponent(values.email)}`,
);
if (response.status === 404) {
  process.stderr.write(`${values.email} has no TOTP secret: POST /me/mfa/totp first.\n`);
  process.exit(1);
}
const { secret, code, enabled } = (await response.json()) as {
  secret: string;
  code: string;
  enabled: boolean;
};
process.stdout.write(`secret ${secret}\ncode   ${code}   (TOTP ${enabled ? 'on' : 'not on yet'})\n`);
