import type { Context } from 'aws-lambda';
import type { HttpEvent } from '../../functions/shared/http/http-route.js';

export interface RequestOptions {
  readonly path?: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** A value to send as JSON, or a raw string body. */
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly base64?: boolean;
  /** The verified claims the JWT authorizer would hand over; absent for public routes. */
  readonly claims?: Record<string, string | number | boolean | string[]>;
}

/**
 * An HTTP API payload format 2.0 event, shaped as API Gateway builds it:
 * lower-cased headers, raw path and query, requestContext.http, and the JWT
 * authorizer's claims when a token was verified.
 */
export const httpEvent = (routeKey: string, options: RequestOptions = {}): HttpEvent => {
  const [method = 'GET', routePath = '/'] = routeKey.split(' ');
  const path = options.path ?? routePath;
  const headers: Record<string, string> = {
    host: 'api.example.com',
    'user-agent': 'vitest',
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...Object.fromEntries(
      Object.entries(options.headers ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
    ),
  };
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const body = text !== undefined && options.base64 ? Buffer.from(text).toString('base64') : text;
  const rawQueryString = new URLSearchParams(options.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    headers,
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: options.base64 ?? false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'vitest' },
      requestId: 'request-id',
      routeKey,
      stage: '$default',
      time: '22/Nov/2026:10:00:00 +0000',
      timeEpoch: 1795860000000,
      authorizer: options.claims
        ? { principalId: '', integrationLatency: 0, jwt: { claims: options.claims, scopes: [] } }
        : undefined,
    },
  } as HttpEvent;
};

export const customerClaims = (sub = 'user-1') => ({
  sub,
  token_use: 'access',
  client_id: 'client',
  scope: 'aws.cognito.signin.user.admin',
});

/** API Gateway hands array claims over as a bracketed string. */
export const adminClaims = (sub = 'admin-1') => ({ ...customerClaims(sub), 'cognito:groups': '[admin]' });

export const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'test-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:test-function',
  memoryLimitInMB: '256',
  awsRequestId: 'aws-request-id',
  logGroupName: '/aws/lambda/test-function',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/** The response with its body parsed, for assertions. */
export const parseResponse = (result: {
  statusCode?: number;
  headers?: Record<string, unknown>;
  body?: string;
}) => ({
  status: result.statusCode,
  headers: result.headers ?? {},
  body: result.body === undefined ? undefined : (JSON.parse(result.body) as Record<string, unknown>),
});
