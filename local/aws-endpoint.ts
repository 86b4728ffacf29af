import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LocalFunctions } from './lambda/functions.js';
import { readBody } from './net.js';

/** An error as the AWS JSON protocol reports it: `__type` names the exception. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export type Operation = (input: Record<string, unknown>) => Promise<unknown> | unknown;

/** One AWS service spoken over the JSON protocol: `X-Amz-Target: <prefix>.<Operation>`. */
export interface JsonService {
  readonly targetPrefix: string;
  readonly operations: Readonly<Record<string, Operation>>;
}

export interface RawRoute {
  readonly matches: (method: string, path: string) => boolean;
  readonly handle: (request: IncomingMessage, body: Buffer, response: ServerResponse) => Promise<void> | void;
}

const sendJson = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...headers });
  response.end(JSON.stringify(body));
};

const LAMBDA_INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * The local AWS endpoint: every SDK client of the functions points here
 * (through `AWS_ENDPOINT_URL_<SERVICE>`) except DynamoDB's, which is DynamoDB Local.
 * It serves Lambda Invoke (REST) and the JSON-protocol services registered with it.
 */
export const startAwsEndpoint = async ({
  port,
  functions,
  services,
  routes = [],
}: {
  port: number;
  /** Lambda Invoke's functions; none for an endpoint that serves only JSON-protocol services. */
  functions?: LocalFunctions;
  services: readonly JsonService[];
  routes?: readonly RawRoute[];
}): Promise<Server> => {
  const byPrefix = new Map(services.map((service) => [service.targetPrefix, service]));
  const server = createServer(async (request, response) => {
    try {
      const body = await readBody(request);
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const invoke = LAMBDA_INVOKE.exec(path);
      if (functions && request.method === 'POST' && invoke?.[1]) {
        await invokeLambda(functions, decodeURIComponent(invoke[1]), request, body, response);
        return;
      }
      const route = routes.find((candidate) => candidate.matches(request.method ?? 'GET', path));
      if (route) {
        await route.handle(request, body, response);
        return;
      }
      const target = request.headers['x-amz-target'];
      const [prefix = '', operationName = ''] = typeof target === 'string' ? target.split('.') : [];
      const operation = byPrefix.get(prefix)?.operations[operationName];
      if (!operation)
        throw new AwsServiceError(
          'UnknownOperationException',
          `The local cloud does not serve ${target ?? path}.`,
        );
      const input = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
      sendJson(response, 200, (await operation(input)) ?? {});
    } catch (error) {
      const failure =
        error instanceof AwsServiceError ? error : new AwsServiceError('InternalFailure', String(error), 500);
      sendJson(
        response,
        failure.status,
        { __type: failure.type, message: failure.message },
        { 'x-amzn-errortype': failure.type },
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
};

const invokeLambda = async (
  functions: LocalFunctions,
  name: string,
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
) => {
  if (!functions.find(name)) {
    throw new AwsServiceError('ResourceNotFoundException', `Function not found: ${name}`, 404);
  }
  const event: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
  const invocationType = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (invocationType === 'Event') {
    functions.invokeAsync(name, event);
    response.writeHead(202);
    response.end();
    return;
  }
  if (invocationType === 'DryRun') {
    response.writeHead(204);
    response.end();
    return;
  }
  const result = await functions.invoke(name, event);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amz-executed-version': '$LATEST',
  };
  if (!result.ok) headers['x-amz-function-error'] = 'Unhandled';
  response.writeHead(200, headers);
  response.end(JSON.stringify(result.ok ? result.payload : result.error));
};
