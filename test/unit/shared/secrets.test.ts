import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError } from '../../../functions/shared/errors.js';
import { readSecret, readSecretVersions, SECRET_MAX_AGE_SECONDS } from '../../../functions/shared/secrets.js';
import { startAwsEndpoint } from '../../../local/aws-endpoint.js';
import { freePort } from '../../../local/net.js';
import { LocalSecrets } from '../../../local/secretsmanager/secrets.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:CursorSecret-abc123';
const FIRST = 'the-first-cursor-key-0123456789abcdef';
const SECOND = 'the-second-cursor-key-0123456789abcde';
const secrets = new LocalSecrets([{ arn: ARN, name: 'CursorSecret', value: FIRST }]);
let server: Server;

beforeAll(async () => {
  const port = await freePort();
  server = await startAwsEndpoint({ port, services: [secrets.service] });
  // The readers' SDK clients are made on first use, from the environment, as in a Lambda.
  vi.stubEnv('AWS_ENDPOINT_URL', `http://127.0.0.1:${port}`);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const later = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

describe('reading a secret at run time (Powertools Parameters over Secrets Manager)', () => {
  it('reads the current version, with no previous one before any rotation', async () => {
    expect(await readSecretVersions(ARN)).toEqual({ current: FIRST });
  });

  it('keeps the value it read for its maximum age', async () => {
    secrets.put(ARN, SECOND);
    later(SECRET_MAX_AGE_SECONDS - 5);
    expect(await readSecret(ARN)).toBe(FIRST);
  });

  it('reads the rotated value after its maximum age, and the one before as the previous version', async () => {
    later(10);
    // Powertools caches by name alone: with one reader, "previous" would answer the cached current value.
    expect(await readSecretVersions(ARN)).toEqual({ current: SECOND, previous: FIRST });
  });

  it('answers a secret it cannot read as a transient failure (503), never a 500', async () => {
    await expect(readSecret('arn:aws:secretsmanager:us-east-1:000000000000:secret:Gone')).rejects.toThrow(
      BackendUnavailableError,
    );
  });
});
