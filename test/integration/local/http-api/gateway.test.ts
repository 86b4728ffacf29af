import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../../../../local/http-api/gateway.js';
import { JwtAuthorizer } from '../../../../local/http-api/jwt-authorizer.js';
import type { ApiDefinition, Route } from '../../../../local/http-api/routes.js';
import type { FunctionInvoker, InvocationResult } from '../../../../local/lambda/functions.js';
import { freePort } from '../../../../local/net.js';

const route = (routeKey: string, functionArn: string, extra: Partial<Route> = {}): Route => {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  return {
    routeKey,
    method,
    segments: path.split('/').filter(Boolean),
    functionArn,
    timeoutMs: 30_000,
    scopes: [],
    ...extra,
  };
};

const behaviours: Record<string, (event: unknown) => Promise<InvocationResult>> = {
  echo: async (event) => ({ ok: true, payload: { statusCode: 200, body: JSON.stringify(event) } }),
  plain: async () => ({ ok: true, payload: { hello: 'world' } }),
  broken: async () => ({ ok: false, error: { errorType: 'TypeError', errorMessage: 'x is undefined' } }),
  slow: () => new Promise((resolve) => setTimeout(() => resolve({ ok: true, payload: {} }), 2000)),
};
const invocations: string[] = [];
const functions: FunctionInvoker = {
  find: (name) => (name in behaviours ? { name, arn: name } : undefined),
  invoke: (name, event) => {
    invocations.push(name);
    return (
      behaviours[name]?.(event) ??
      Promise.resolve({ ok: false, error: { errorType: 'NotFound', errorMessage: name } })
    );
  },
};

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  invocations.length = 0;
});

const start = async (overrides: Partial<ApiDefinition> = {}, ready?: () => boolean) => {
  const port = await freePort();
  server = await startGateway({
    ...(ready ? { ready } : {}),
    api: {
      apiId: 'api',
      routes: [
        route('GET /echo/{id}', 'echo'),
        route('GET /plain', 'plain'),
        route('GET /health', 'plain'),
        route('GET /broken', 'broken'),
        route('GET /slow', 'slow', { timeoutMs: 100 }),
        route('GET /private', 'echo', {
          authorizer: { issuer: 'https://issuer.example', audience: ['a'], headerName: 'authorization' },
        }),
      ],
      cors: {
        allowOrigins: ['https://shop.example'],
        allowMethods: ['GET'],
        allowHeaders: ['authorization'],
        exposeHeaders: ['x-correlation-id'],
        maxAge: 600,
        allowCredentials: false,
      },
      ...overrides,
    },
    functions,
    authorizer: new JwtAuthorizer(new Map([['https://issuer.example', { keys: [] }]])),
    port,
  });
  return `http://127.0.0.1:${port}`;
};

describe('the local HTTP API gateway', () => {
  it('holds GET /health at 503 (Retry-After) until the shop is ready, and serves every other route meanwhile', async () => {
    let ready = false;
    const url = await start({}, () => ready);
    const early = await fetch(`${url}/health`);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(invocations).toEqual([]);
    expect((await fetch(`${url}/plain`)).status).toBe(200);
    ready = true;
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(invocations).toEqual(['plain', 'plain']);
  });

  it('hands the function a payload 2.0 event with path and query parameters', async () => {
    const url = await start();
    const response = await fetch(`${url}/echo/A%201?tag=a&tag=b`);
    const event = (await response.json()) as Record<string, unknown>;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /echo/{id}',
      rawPath: '/echo/A%201',
      rawQueryString: 'tag=a&tag=b',
      pathParameters: { id: 'A 1' },
      queryStringParameters: { tag: 'a,b' },
    });
  });

  it('turns a plain result into 200 application/json', async () => {
    const url = await start();
    const response = await fetch(`${url}/plain`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ hello: 'world' });
  });

  it('answers 404 {"message":"Not Found"} for an unknown route', async () => {
    const url = await start();
    const response = await fetch(`${url}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });

  it('answers 500 when the function fails', async () => {
    const url = await start();
    const response = await fetch(`${url}/broken`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 503 when the integration times out', async () => {
    const url = await start();
    const response = await fetch(`${url}/slow`);
    expect(response.status).toBe(503);
  });

  it('refuses a request without a token with 401 and never invokes the function', async () => {
    const url = await start();
    const response = await fetch(`${url}/private`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
    expect(invocations).toEqual([]);
  });

  it('throttles beyond the burst with 429 and Retry-After', async () => {
    const url = await start({ throttle: { rateLimit: 1, burstLimit: 3 } });
    const statuses = [];
    for (let request = 0; request < 5; request++) statuses.push((await fetch(`${url}/plain`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const throttled = await fetch(`${url}/plain`);
    expect(throttled.headers.get('retry-after')).toBe('1');
  });

  it('answers a CORS preflight for an allowed origin, and not for another', async () => {
    const url = await start();
    const preflight = (origin: string) =>
      fetch(`${url}/plain`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await fetch(`${url}/plain`, { headers: { origin: 'https://shop.example' } });
    expect(actual.headers.get('access-control-expose-headers')).toBe('x-correlation-id');
  });
});
