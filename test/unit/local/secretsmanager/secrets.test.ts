import type { Server } from 'node:http';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '../../../../local/aws-clients.js';
import { startAwsEndpoint } from '../../../../local/aws-endpoint.js';
import { freePort } from '../../../../local/net.js';
import { LocalSecrets } from '../../../../local/secretsmanager/secrets.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:CursorSecret-abc123';
const secrets = new LocalSecrets([{ arn: ARN, name: 'CursorSecret', value: 'first' }]);
let server: Server;
let client: SecretsManagerClient;

beforeAll(async () => {
  const port = await freePort();
  server = await startAwsEndpoint({ port, services: [secrets.service] });
  client = new SecretsManagerClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: localCredentials,
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the local Secrets Manager', () => {
  it('answers the current value by ARN or name, as AWSCURRENT', async () => {
    for (const SecretId of [ARN, 'CursorSecret']) {
      const answer = await client.send(new GetSecretValueCommand({ SecretId }));
      expect(answer).toMatchObject({ ARN, SecretString: 'first', VersionStages: ['AWSCURRENT'] });
    }
  });

  it('has no AWSPREVIOUS before the first rotation, as AWS answers', async () => {
    const fresh = new LocalSecrets([{ arn: ARN, name: 'CursorSecret', value: 'x' }]);
    const get = fresh.service.operations.GetSecretValue;
    expect(() => get?.({ SecretId: ARN, VersionStage: 'AWSPREVIOUS' })).toThrow(/staging label: AWSPREVIOUS/);
  });

  it('makes a put value AWSCURRENT and the one before AWSPREVIOUS', async () => {
    secrets.put(ARN, 'second');
    const current = await client.send(new GetSecretValueCommand({ SecretId: ARN }));
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: ARN, VersionStage: 'AWSPREVIOUS' }),
    );
    expect(current.SecretString).toBe('second');
    expect(previous).toMatchObject({ SecretString: 'first', VersionStages: ['AWSPREVIOUS'] });
    const byId = await client.send(
      new GetSecretValueCommand({ SecretId: ARN, VersionId: previous.VersionId }),
    );
    expect(byId.SecretString).toBe('first');
  });

  it('refuses an unknown secret with ResourceNotFoundException', async () => {
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
