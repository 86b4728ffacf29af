import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, inject } from 'vitest';
import type { HttpEvent } from '../../functions/shared/http/http-route.js';

/** The LocalStack the global setup started, or why there is none. */
export const localstack = () => inject('localstack');

const deployed = () => {
  const target = localstack();
  if (!target.available) throw new Error(`LocalStack is not available: ${target.reason}`);
  return target;
};

/**
 * A describe block that runs on LocalStack, or reports itself skipped with
 * the reason (never passed) where there is no container runtime.
 */
export const onLocalStack = (name: string, body: () => void) => {
  const target = localstack();
  describe.skipIf(!target.available)(
    target.available ? `${name} (LocalStack)` : `${name} (LocalStack skipped: ${target.reason})`,
    body,
  );
};

/** A describe block that needs the HTTP API and Cognito: a paid image (LOCALSTACK_AUTH_TOKEN). */
export const onLocalStackWithHttpApi = (name: string, body: () => void) => {
  const target = localstack();
  const runs = target.available && target.httpApi;
  const reason = target.available
    ? 'the free image has no HTTP API or Cognito; set LOCALSTACK_AUTH_TOKEN'
    : target.reason;
  describe.skipIf(!runs)(
    runs ? `${name} (LocalStack, HTTP API)` : `${name} (LocalStack skipped: ${reason})`,
    body,
  );
};

/** The HTTP API's URL on LocalStack (its `*.execute-api.localhost.localstack.cloud` name resolves to 127.0.0.1). */
export const apiUrl = () => {
  const { endpoint } = deployed();
  const apiId = deployed().resources.find(
    (resource) => resource.type === 'AWS::ApiGatewayV2::Api',
  )?.physicalId;
  if (!apiId) throw new Error('No HTTP API was deployed.');
  return `http://${apiId}.execute-api.localhost.localstack.cloud:${new URL(endpoint).port}`;
};

/** SDK client settings for the LocalStack endpoint. */
export const clientConfig = () => ({
  endpoint: deployed().endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

export const documentClient = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig()), {
    marshallOptions: { removeUndefinedValues: true },
  });

/** The physical id of the deployed resource of `type` whose logical id is `name` and the CDK's hash. */
export const physicalId = (type: string, name: string): string => {
  const logicalId = new RegExp(`^${name}[0-9A-F]{8}$`);
  const matches = deployed().resources.filter(
    (resource) => resource.type === type && logicalId.test(resource.logicalId),
  );
  if (matches.length !== 1)
    throw new Error(
      `${matches.length} resources of ${type} named ${name}: ${matches.map((m) => m.logicalId)}`,
    );
  return (matches[0] as { physicalId: string }).physicalId;
};

export const tableName = (service: string) => physicalId('AWS::DynamoDB::Table', `${service}Table`);
export const functionName = (service: string, name: string) =>
  physicalId('AWS::Lambda::Function', `${service}${name}`);

/** Invokes a deployed function and answers its JSON result; a function error rejects. */
export const invoke = async <T>(service: string, name: string, event: unknown): Promise<T> => {
  const answer = await new LambdaClient(clientConfig()).send(
    new InvokeCommand({
      FunctionName: functionName(service, name),
      Payload: Buffer.from(JSON.stringify(event)),
    }),
  );
  const payload = answer.Payload ? Buffer.from(answer.Payload).toString('utf8') : 'null';
  if (answer.FunctionError) throw new Error(`${service}/${name} failed: ${payload}`);
  return JSON.parse(payload) as T;
};

/** Calls an HTTP handler the way API Gateway would, and answers its status and JSON body. */
export const callRoute = async (service: string, name: string, event: HttpEvent) => {
  const result = await invoke<{ statusCode: number; body?: string }>(service, name, event);
  return { status: result.statusCode, body: result.body ? (JSON.parse(result.body) as unknown) : undefined };
};
