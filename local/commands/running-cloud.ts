import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../infra/constructs/service-function.js';
import { localCredentials } from '../aws-clients.js';
import type { LocalEndpoints } from '../cloud.js';

const STATE_DIRECTORY = join(PROJECT_ROOT, '.local');

/** A file the running local cloud wrote under `.local/`; exits with `hint` when there is none. */
export const readLocalState = <T>(file: string, hint: string): T => {
  try {
    return JSON.parse(readFileSync(join(STATE_DIRECTORY, file), 'utf8')) as T;
  } catch {
    process.stderr.write(`${hint}\n`);
    process.exit(1);
  }
};

/** Where the running local cloud answers, as `npm start` wrote it. */
export const runningCloud = (): LocalEndpoints =>
  readLocalState<LocalEndpoints>('endpoints.json', 'Start the local cloud first: npm start');

/** SDK client settings for the running local cloud's AWS endpoint. */
export const localClientConfig = (cloud: LocalEndpoints) => ({
  endpoint: cloud.awsEndpoint,
  region: cloud.region,
  credentials: localCredentials,
});
