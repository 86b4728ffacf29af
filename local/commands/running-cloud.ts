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

/** Whether nothing listened where the error came from (an SDK client's, or fetch's, whose cause says so). */
export const isConnectionRefused = (error: unknown, depth = 0): boolean => {
  if (!(error instanceof Error) || depth > 4) return false;
  if ((error as Error & { code?: unknown }).code === 'ECONNREFUSED') return true;
  const nested = [error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  return nested.some((inner) => isConnectionRefused(inner, depth + 1));
};

let watching = false;

/**
 * A command that finds nothing listening (the shop stopped since it wrote
 * `endpoints.json`) says so in one line and exits 1, instead of a stack
 * trace; any other failure is reported as Node would.
 */
const exitClearlyWhenNothingAnswers = (cloud: LocalEndpoints) => {
  if (watching) return;
  watching = true;
  process.on('uncaughtException', (error) => {
    if (isConnectionRefused(error))
      process.stderr.write(
        `The local cloud is not running (nothing answers at ${cloud.apiUrl} or ${cloud.awsEndpoint}): start it with npm start\n`,
      );
    else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
};

/** Where the running local cloud answers, as `npm start` wrote it. */
export const runningCloud = (): LocalEndpoints => {
  const cloud = readLocalState<LocalEndpoints>('endpoints.json', 'Start the local cloud first: npm start');
  exitClearlyWhenNothingAnswers(cloud);
  return cloud;
};

/** SDK client settings for the running local cloud's AWS endpoint. */
export const localClientConfig = (cloud: LocalEndpoints) => ({
  endpoint: cloud.awsEndpoint,
  region: cloud.region,
  credentials: localCredentials,
});
