import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What API Gateway knows of a request when it builds the payload 2.0 event. */
export interface IncomingRequest {
  readonly method: string;
  /** The raw request target: path and query, undecoded. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly sourceIp: string;
}

export interface MatchedRoute {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string>;
}

export interface JwtContext {
  readonly claims: Record<string, string>;
  readonly scopes: string[] | null;
}

const TEXT_TYPES = /^(text\/|application\/(json|javascript|xml|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number) => String(value).padStart(2, '0');
/** `22/Nov/2026:10:00:00 +0000`, as requestContext.time has it. */
const requestTime = (date: Date) =>
  `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;

/**
 * The payload format 2.0 event, built as API Gateway builds it: lower-cased
 * headers with repeats comma-joined, cookies moved out of the headers, the
 * raw path and query, decoded query parameters with repeats comma-joined,
 * path parameters, and a body that is base64-encoded unless it is text.
 */
export const buildHttpEvent = (
  request: IncomingRequest,
  route: MatchedRoute,
  context: { apiId: string; jwt?: JwtContext; now?: Date },
) => {
  const now = context.now ?? new Date();
  const url = new URL(request.url, 'http://localhost');
  const rawQueryString = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') {
      cookies = [value].flat().flatMap((cookie) =>
        cookie
          .split(';')
          .map((part) => part.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const host = headers.host ?? 'localhost';
  const contentType = headers['content-type'] ?? '';
  const isText = request.body.length === 0 || TEXT_TYPES.test(contentType);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: context.apiId,
      ...(context.jwt
        ? { authorizer: { jwt: { claims: context.jwt.claims, scopes: context.jwt.scopes } } }
        : {}),
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(route.pathParameters).length > 0 ? { pathParameters: route.pathParameters } : {}),
    ...(request.body.length > 0
      ? {
          body: isText ? request.body.toString('utf8') : request.body.toString('base64'),
          isBase64Encoded: !isText,
        }
      : { isBase64Encoded: false }),
  };
};

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

/**
 * A function's result as API Gateway turns it into a response: the
 * structured form (`statusCode`, headers, cookies, body, isBase64Encoded), or,
 * for any other JSON result, 200 with that JSON as the body.
 */
export const mapLambdaResult = (result: unknown): HttpResponse => {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const structured = result as {
      statusCode: unknown;
      headers?: Record<string, unknown>;
      cookies?: unknown;
      body?: unknown;
      isBase64Encoded?: boolean;
    };
    if (
      typeof structured.statusCode !== 'number' ||
      structured.statusCode < 100 ||
      structured.statusCode > 599
    ) {
      return internalError();
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(structured.headers ?? {}))
      headers[name.toLowerCase()] = String(value);
    if (Array.isArray(structured.cookies) && structured.cookies.length > 0)
      headers['set-cookie'] = structured.cookies.map(String);
    const text =
      typeof structured.body === 'string'
        ? structured.body
        : structured.body === undefined
          ? ''
          : JSON.stringify(structured.body);
    return {
      statusCode: structured.statusCode,
      headers,
      body: structured.isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
    };
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(result ?? null)),
  };
};

export const gatewayMessage = (
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify({ message })),
});

export const internalError = () => gatewayMessage(500, 'Internal Server Error');
