import { GetParameterError } from '@aws-lambda-powertools/parameters';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { BackendUnavailableError } from './errors.js';

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

// Powertools caches by name and transform, not by version stage: the previous version needs a
// provider, and a cache, of its own.
let providers: { current: SecretsProvider; previous: SecretsProvider } | undefined;
const providersNow = () => {
  providers ??= { current: new SecretsProvider(), previous: new SecretsProvider() };
  return providers;
};
/** Secrets that have no previous version, until when we stop asking: Powertools caches no failure. */
const noPrevious = new Map<string, number>();

const causeName = (error: unknown): string | undefined =>
  error instanceof GetParameterError && error.cause instanceof Error ? error.cause.name : undefined;

const unavailable = (secretId: string, error: unknown) =>
  new BackendUnavailableError(`The secret ${secretId} could not be read.`, { cause: error });

/** The secret's string value, read from Secrets Manager and cached for `SECRET_MAX_AGE_SECONDS`. */
export const readSecret = async (secretId: string): Promise<string> => {
  try {
    const value = await providersNow().current.get(secretId, { maxAge: SECRET_MAX_AGE_SECONDS });
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
    const previous = await providersNow().previous.get(secretId, {
      maxAge: SECRET_MAX_AGE_SECONDS,
      sdkOptions: { VersionStage: 'AWSPREVIOUS' },
    });
    return typeof previous === 'string' && previous !== current ? { current, previous } : { current };
  } catch (error) {
    if (causeName(error) !== 'ResourceNotFoundException') throw unavailable(secretId, error);
    noPrevious.set(secretId, now + SECRET_MAX_AGE_SECONDS * 1000);
    return { current };
  }
};
