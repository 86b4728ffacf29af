import { GetParameterError } from '@aws-lambda-powertools/parameters';
import { BaseProvider } from '@aws-lambda-powertools/parameters/base';
import type { GetSecretValueCommandOutput, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BackendUnavailableError } from './errors.js';
import { onFirstUse, sdkPackage } from './lazy-sdk.js';

/**
 * How long a container keeps a secret before it reads it again: a rotated
 * secret reaches every container within this time. Reads cost $0.05 per
 * 10,000; a container reads each secret at most once per this time.
 */
export const SECRET_MAX_AGE_SECONDS = 300;

/** A secret's current version and, after a rotation, the one before it (Secrets Manager's `AWSPREVIOUS`). */
export interface SecretVersions {
  readonly current: string;
  readonly previous?: string;
}

const secretsSdk = onFirstUse(() =>
  sdkPackage<typeof import('@aws-sdk/client-secrets-manager')>('@aws-sdk/client-secrets-manager'),
);

/**
 * Powertools Parameters' provider for one version stage of Secrets Manager
 * secrets: its cache, maximum age and errors, over a client made on the
 * first read. Powertools' own SecretsProvider imports the SDK package at the
 * top of its module, which a bundle hoists, so every function that may page
 * would load it at init whether or not it reads a cursor; and its cache is
 * keyed by name, not version stage, so each stage needs a provider of its own.
 */
class SecretStageProvider extends BaseProvider {
  private secretsManager: SecretsManagerClient | undefined;

  constructor(private readonly stage: 'AWSCURRENT' | 'AWSPREVIOUS') {
    super({});
  }

  protected async _get(name: string): Promise<string | undefined> {
    const sdk = secretsSdk();
    this.secretsManager ??= new sdk.SecretsManagerClient({});
    const answer: GetSecretValueCommandOutput = await this.secretsManager.send(
      new sdk.GetSecretValueCommand({ SecretId: name, VersionStage: this.stage }),
    );
    return answer.SecretString;
  }

  protected async _getMultiple(): Promise<Record<string, unknown> | undefined> {
    throw new Error('Secrets are read one by one.');
  }
}

const providers = onFirstUse(() => ({
  current: new SecretStageProvider('AWSCURRENT'),
  previous: new SecretStageProvider('AWSPREVIOUS'),
}));

/** Secrets that have no previous version, until when we stop asking: Powertools caches no failure. */
const noPrevious = new Map<string, number>();

const causeName = (error: unknown): string | undefined =>
  error instanceof GetParameterError && error.cause instanceof Error ? error.cause.name : undefined;

const unavailable = (secretId: string, error: unknown) =>
  new BackendUnavailableError(`The secret ${secretId} could not be read.`, { cause: error });

/** The secret's string value, read from Secrets Manager and cached for `SECRET_MAX_AGE_SECONDS`. */
export const readSecret = async (secretId: string): Promise<string> => {
  try {
    const value = await providers().current.get(secretId, { maxAge: SECRET_MAX_AGE_SECONDS });
    if (typeof value !== 'string') throw new Error(`The secret ${secretId} holds no string.`);
    return value;
  } catch (error) {
    throw unavailable(secretId, error);
  }
};

/** The secret's current version and the previous one, if it was ever rotated; both cached. */
export const readSecretVersions = async (secretId: string, now = Date.now()): Promise<SecretVersions> => {
  const current = await readSecret(secretId);
  if ((noPrevious.get(secretId) ?? 0) > now) return { current };
  try {
    const previous = await providers().previous.get(secretId, { maxAge: SECRET_MAX_AGE_SECONDS });
    return typeof previous === 'string' && previous !== current ? { current, previous } : { current };
  } catch (error) {
    if (causeName(error) !== 'ResourceNotFoundException') throw unavailable(secretId, error);
    noPrevious.set(secretId, now + SECRET_MAX_AGE_SECONDS * 1000);
    return { current };
  }
};
