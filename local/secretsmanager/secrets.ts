import { randomUUID } from 'node:crypto';
import { AwsServiceError, type JsonService } from '../aws-endpoint.js';
import { type CloudAssembly, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';

interface SecretVersion {
  readonly id: string;
  readonly value: string;
  readonly created: Date;
}

interface LocalSecret {
  readonly arn: string;
  readonly name: string;
  /** Newest last; the stages point into it. */
  readonly versions: SecretVersion[];
  current: SecretVersion;
  previous?: SecretVersion;
}

const STAGES = ['AWSCURRENT', 'AWSPREVIOUS'] as const;

/**
 * The template's Secrets Manager secrets, as GetSecretValue and
 * PutSecretValue see them: a secret starts with the value the template's
 * dynamic references resolve to;
 * putting a new value makes it `AWSCURRENT` and the one before `AWSPREVIOUS`,
 * as a rotation does in AWS.
 */
export class LocalSecrets {
  private readonly secrets: LocalSecret[];

  constructor(initial: readonly { readonly arn: string; readonly name: string; readonly value: string }[]) {
    this.secrets = initial.map(({ arn, name, value }) => {
      const current = { id: randomUUID(), value, created: new Date() };
      return { arn, name, versions: [current], current };
    });
  }

  /** The template's secrets, each with the value its dynamic references resolve to. */
  static fromTemplate(assembly: CloudAssembly, resolver: TemplateResolver): LocalSecrets {
    return new LocalSecrets(
      resourcesOfType(assembly, 'AWS::SecretsManager::Secret').map(({ stackName, logicalId }) => {
        const arn = resolver.ref(stackName, logicalId);
        return { arn, name: resolver.physicalName(stackName, logicalId), value: resolver.secretValue(arn) };
      }),
    );
  }

  private require(secretId: unknown): LocalSecret {
    const secret = this.secrets.find(({ arn, name }) => secretId === arn || secretId === name);
    if (!secret)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret.",
      );
    return secret;
  }

  /** Writes a new version, as `aws secretsmanager put-secret-value` does. */
  put(secretId: string, value: string): string {
    const secret = this.require(secretId);
    const version = { id: randomUUID(), value, created: new Date() };
    secret.versions.push(version);
    secret.previous = secret.current;
    secret.current = version;
    return version.id;
  }

  readonly service: JsonService = {
    targetPrefix: 'secretsmanager',
    operations: {
      GetSecretValue: ({ SecretId, VersionStage, VersionId }) => {
        const secret = this.require(SecretId);
        const stage = VersionStage ?? (VersionId === undefined ? 'AWSCURRENT' : undefined);
        const version =
          stage === 'AWSCURRENT'
            ? secret.current
            : stage === 'AWSPREVIOUS'
              ? secret.previous
              : stage === undefined
                ? secret.versions.find(({ id }) => id === VersionId)
                : undefined;
        if (!version)
          throw new AwsServiceError(
            'ResourceNotFoundException',
            `Secrets Manager can't find the specified secret value for ${stage ? `staging label: ${String(stage)}` : `VersionId: ${String(VersionId)}`}`,
          );
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.id,
          SecretString: version.value,
          VersionStages: STAGES.filter((label) =>
            label === 'AWSCURRENT' ? version === secret.current : version === secret.previous,
          ),
          CreatedDate: version.created.getTime() / 1000,
        };
      },
      PutSecretValue: ({ SecretId, SecretString }) => {
        if (typeof SecretString !== 'string' || SecretString.length === 0)
          throw new AwsServiceError(
            'InvalidParameterException',
            'You must provide SecretString or SecretBinary.',
          );
        const secret = this.require(SecretId);
        const versionId = this.put(secret.arn, SecretString);
        return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: ['AWSCURRENT'] };
      },
    },
  };
}
