import { createHash, randomBytes } from 'node:crypto';
import type { CfnResource, CloudAssembly } from './assembly.js';

export const LOCAL_ACCOUNT = '000000000000';

export interface LocalEnvironment {
  readonly region: string;
  /** Base URL of the local AWS endpoint (Lambda, EventBridge, SQS, Cognito, Step Functions). */
  readonly awsEndpoint: string;
  /** Base URL of the local HTTP API. */
  readonly apiEndpoint: string;
}

const shortHash = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/**
 * Resolves CloudFormation intrinsic functions (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue) and Secrets Manager dynamic
 * references against local names, so that functions get the environment the
 * template gives them, pointing at local resources.
 */
export class TemplateResolver {
  private readonly secrets = new Map<string, string>();
  private readonly provided = new Map<string, Record<string, string>>();

  constructor(
    private readonly assembly: CloudAssembly,
    readonly environment: LocalEnvironment,
  ) {}

  /** Attributes only known once a resource exists locally (a table's StreamArn). */
  provide(stackName: string, logicalId: string, attributes: Record<string, string>): void {
    this.provided.set(`${stackName}/${logicalId}`, {
      ...this.provided.get(`${stackName}/${logicalId}`),
      ...attributes,
    });
  }

  resource(stackName: string, logicalId: string): CfnResource {
    const resource = this.assembly.stacks.find((stack) => stack.stackName === stackName)?.template.Resources[
      logicalId
    ];
    if (!resource) throw new Error(`No resource ${logicalId} in ${stackName}`);
    return resource;
  }

  /** The local physical name of a resource: readable and unique across stacks. */
  physicalName(stackName: string, logicalId: string): string {
    return `${stackName}-${logicalId}`;
  }

  arn(service: string, resourcePath: string): string {
    return `arn:aws:${service}:${this.environment.region}:${LOCAL_ACCOUNT}:${resourcePath}`;
  }

  ref(stackName: string, logicalId: string): string {
    const pseudo = this.pseudoParameter(stackName, logicalId);
    if (pseudo !== undefined) return pseudo;
    const resource = this.resource(stackName, logicalId);
    const name = this.physicalName(stackName, logicalId);
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return `${this.environment.awsEndpoint}/${LOCAL_ACCOUNT}/${name}`;
      case 'AWS::Cognito::UserPool':
        return `${this.environment.region}_${shortHash(name, 9)}`;
      case 'AWS::Cognito::UserPoolClient':
        return shortHash(name, 26);
      case 'AWS::SecretsManager::Secret':
        return this.arn('secretsmanager', `secret:${name}-${shortHash(name, 6)}`);
      case 'AWS::ApiGatewayV2::Api':
        return shortHash(name, 10);
      case 'AWS::StepFunctions::StateMachine':
        return this.arn('states', `stateMachine:${name}`);
      default:
        return name;
    }
  }

  getAtt(stackName: string, logicalId: string, attribute: string): string {
    const provided = this.provided.get(`${stackName}/${logicalId}`)?.[attribute];
    if (provided !== undefined) return provided;
    const resource = this.resource(stackName, logicalId);
    const name = this.physicalName(stackName, logicalId);
    const ref = this.ref(stackName, logicalId);
    const byType: Record<string, () => Record<string, string>> = {
      'AWS::DynamoDB::Table': () => ({ Arn: this.arn('dynamodb', `table/${name}`) }),
      'AWS::Lambda::Function': () => ({ Arn: this.arn('lambda', `function:${name}`) }),
      'AWS::Events::EventBus': () => ({ Arn: this.arn('events', `event-bus/${name}`), Name: name }),
      'AWS::Events::Archive': () => ({ Arn: this.arn('events', `archive/${name}`) }),
      'AWS::Events::Rule': () => ({ Arn: this.arn('events', `rule/${name}`) }),
      'AWS::SQS::Queue': () => ({ Arn: this.arn('sqs', name), QueueName: name, QueueUrl: ref }),
      'AWS::SNS::Topic': () => ({ TopicArn: this.arn('sns', name), TopicName: name }),
      'AWS::Cognito::UserPool': () => ({
        Arn: this.arn('cognito-idp', `userpool/${ref}`),
        ProviderName: `cognito-idp.${this.environment.region}.amazonaws.com/${ref}`,
        ProviderURL: `https://cognito-idp.${this.environment.region}.amazonaws.com/${ref}`,
      }),
      'AWS::IAM::Role': () => ({
        Arn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/${name}`,
        RoleId: shortHash(name, 21),
      }),
      'AWS::Logs::LogGroup': () => ({ Arn: this.arn('logs', `log-group:${name}:*`) }),
      'AWS::ApiGatewayV2::Api': () => ({ ApiEndpoint: this.environment.apiEndpoint, ApiId: ref }),
      'AWS::StepFunctions::StateMachine': () => ({ Arn: ref, Name: name }),
      'AWS::SecretsManager::Secret': () => ({ Id: ref }),
    };
    const value = byType[resource.Type]?.()[attribute];
    if (value === undefined)
      throw new Error(`The local cloud cannot give ${attribute} of ${resource.Type} (${logicalId}).`);
    return value;
  }

  /** The value a template expression stands for, in the context of one stack. */
  resolve(stackName: string, value: unknown): unknown {
    if (typeof value === 'string') return this.resolveDynamicReferences(value);
    if (Array.isArray(value)) return value.map((item) => this.resolve(stackName, item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::'))) {
      // A dynamic reference is often assembled by Fn::Join or Fn::Sub, so it is looked for in their result.
      const result = this.intrinsic(stackName, key, argument);
      return typeof result === 'string' ? this.resolveDynamicReferences(result) : result;
    }
    return Object.fromEntries(entries.map(([name, item]) => [name, this.resolve(stackName, item)]));
  }

  resolveString(stackName: string, value: unknown): string {
    const resolved = this.resolve(stackName, value);
    if (typeof resolved !== 'string') throw new Error(`Expected a string, got ${JSON.stringify(resolved)}`);
    return resolved;
  }

  private intrinsic(stackName: string, name: string, argument: unknown): unknown {
    switch (name) {
      case 'Ref':
        return this.ref(stackName, String(argument));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
        return this.getAtt(stackName, String(logicalId), String(attribute));
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        return (this.resolve(stackName, parts) as unknown[]).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [number | string, unknown];
        return (this.resolve(stackName, list) as unknown[])[Number(index)];
      }
      case 'Fn::Split': {
        const [separator, text] = argument as [string, unknown];
        return this.resolveString(stackName, text).split(separator);
      }
      case 'Fn::Sub': {
        const [text, variables = {}] = Array.isArray(argument) ? argument : [argument, {}];
        return String(text).replace(/\$\{([^}!]+)\}/g, (_, variable: string) => {
          if (Object.hasOwn(variables as object, variable)) {
            return this.resolveString(stackName, (variables as Record<string, unknown>)[variable]);
          }
          const [logicalId = '', attribute] = variable.split('.');
          return attribute ? this.getAtt(stackName, logicalId, attribute) : this.ref(stackName, logicalId);
        });
      }
      case 'Fn::ImportValue':
        return this.importValue(this.resolveString(stackName, argument));
      default:
        throw new Error(`The local cloud does not support ${name}.`);
    }
  }

  private importValue(exportName: string): unknown {
    for (const { stackName, template } of this.assembly.stacks) {
      for (const output of Object.values(template.Outputs ?? {})) {
        if (output.Export && this.resolve(stackName, output.Export.Name) === exportName) {
          return this.resolve(stackName, output.Value);
        }
      }
    }
    throw new Error(`No stack exports ${exportName}.`);
  }

  private pseudoParameter(stackName: string, name: string): string | undefined {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.environment.region,
      'AWS::AccountId': LOCAL_ACCOUNT,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': stackName,
      'AWS::StackId': this.arn('cloudformation', `stack/${stackName}/local`),
      'AWS::NoValue': '',
    };
    return pseudo[name];
  }

  /** `{{resolve:secretsmanager:<arn>:SecretString:::}}`: the local secret's value, made on first use. */
  private resolveDynamicReferences(text: string): string {
    return text.replace(
      /\{\{resolve:secretsmanager:([^:}]+(?::[^:}]+)*?):SecretString:([^:}]*):([^:}]*):([^:}]*)\}\}/g,
      (_, id: string) => this.secretValue(id),
    );
  }

  secretValue(secretId: string): string {
    let value = this.secrets.get(secretId);
    if (!value) {
      value = randomBytes(36).toString('base64url');
      this.secrets.set(secretId, value);
    }
    return value;
  }
}
