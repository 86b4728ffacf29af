import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FunctionInvoker } from '../lambda/functions.js';
import type { UsageMeter } from '../usage.js';
import { type JwtAuthorizer, wwwAuthenticate } from './jwt-authorizer.js';
import {
  buildHttpEvent,
  gatewayMessage,
  type HttpResponse,
  internalError,
  mapLambdaResult,
} from './payload.js';
import { type ApiDefinition, matchRoute } from './routes.js';

/** API Gateway HTTP APIs take payloads up to 10 MB. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** The stage's throttle: a token bucket refilled at `rateLimit` per second, holding `burstLimit`. */
class TokenBucket {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface GatewayOptions {
  readonly api: ApiDefinition;
  readonly functions: FunctionInvoker;
  readonly authorizer: JwtAuthorizer;
  readonly port: number;
  readonly host?: string;
  readonly log?: (line: string) => void;
  /** Counts the requests, as API Gateway bills them. */
  readonly usage?: UsageMeter;
  /**
   * Whether the shop is ready (`npm start`: once the demo data exists).
   * Until it is, `GET /health` answers 503 with `Retry-After`, so that a
   * client waiting for it never finds a shop without its catalog and admin;
   * every other route is served (the seeding itself goes through them).
   * Always ready when absent.
   */
  readonly ready?: () => boolean;
}

/** The route that says whether the shop is up: held back until it is ready. */
const HEALTH_ROUTE = 'GET /health';

/**
 * The local HTTP API: what API Gateway does between a client and the route's
 * function — routing, CORS, throttling, the JWT authorizer (the function is
 * never invoked for a refused token), the payload 2.0 event, the integration
 * timeout, and mapping the function's result back to HTTP.
 */
export const startGateway = async ({
  api,
  functions,
  authorizer,
  port,
  host = '127.0.0.1',
  log,
  usage,
  ready = () => true,
}: GatewayOptions): Promise<Server> => {
  const bucket = api.throttle ? new TokenBucket(api.throttle.rateLimit, api.throttle.burstLimit) : undefined;

  const corsHeaders = (origin: string | undefined): Record<string, string> => {
    if (!api.cors || !origin) return {};
    const allowed = api.cors.allowOrigins.includes('*') || api.cors.allowOrigins.includes(origin);
    if (!allowed) return {};
    return {
      'access-control-allow-origin':
        api.cors.allowOrigins.includes('*') && !api.cors.allowCredentials ? '*' : origin,
      ...(api.cors.exposeHeaders.length > 0
        ? { 'access-control-expose-headers': api.cors.exposeHeaders.join(',') }
        : {}),
      ...(api.cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
      vary: 'Origin',
    };
  };

  const handle = async (request: IncomingMessage, body: Buffer): Promise<HttpResponse> => {
    const method = request.method ?? 'GET';
    const origin = request.headers.origin;
    const url = request.url ?? '/';
    const path = new URL(url, 'http://localhost').pathname;
    if (api.cors && method === 'OPTIONS' && origin && request.headers['access-control-request-method']) {
      const headers = corsHeaders(origin);
      if (headers['access-control-allow-origin']) {
        headers['access-control-allow-methods'] = api.cors.allowMethods.join(',');
        headers['access-control-allow-headers'] = api.cors.allowHeaders.join(',');
        if (api.cors.maxAge !== undefined) headers['access-control-max-age'] = String(api.cors.maxAge);
      }
      return { statusCode: 204, headers, body: Buffer.alloc(0) };
    }
    if (bucket && !bucket.take()) return gatewayMessage(429, 'Too Many Requests', { 'retry-after': '1' });
    if (body.length > MAX_PAYLOAD_BYTES) return gatewayMessage(413, 'Request Entity Too Large');
    const matched = matchRoute(api.routes, method, path);
    if (!matched) return gatewayMessage(404, 'Not Found');
    const { route, pathParameters } = matched;
    if (route.routeKey === HEALTH_ROUTE && !ready())
      return gatewayMessage(503, 'Service Unavailable: the local cloud is still starting', {
        'retry-after': '1',
      });
    let jwt: { claims: Record<string, string>; scopes: string[] | null } | undefined;
    if (route.authorizer) {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, [value].flat().join(',')]),
      );
      const outcome = await authorizer.authorize(headers, route.authorizer, route.scopes);
      if (!outcome.ok) {
        const header = { 'www-authenticate': wwwAuthenticate(outcome, route.scopes) };
        return outcome.status === 403
          ? gatewayMessage(403, 'Forbidden', header)
          : gatewayMessage(401, 'Unauthorized', header);
      }
      jwt = { claims: outcome.claims, scopes: route.scopes.length > 0 ? outcome.scopes : null };
    }
    const event = buildHttpEvent(
      {
        method,
        url,
        headers: request.headers,
        body,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      },
      { routeKey: route.routeKey, pathParameters },
      { apiId: api.apiId, ...(jwt ? { jwt } : {}) },
    );
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      functions.invoke(route.functionArn, event),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), route.timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (outcome === 'timeout') return gatewayMessage(503, 'Service Unavailable');
    if (!outcome.ok) {
      log?.(`HttpApi | ${route.routeKey} failed: ${outcome.error.errorType}: ${outcome.error.errorMessage}`);
      return internalError();
    }
    return mapLambdaResult(outcome.payload);
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES + 1) chunks.push(chunk);
    });
    request.on('end', async () => {
      usage?.apiRequest();
      let result: HttpResponse;
      try {
        result = await handle(request, Buffer.concat(chunks));
      } catch (error) {
        log?.(`HttpApi | ${error instanceof Error ? error.stack : String(error)}`);
        result = internalError();
      }
      const headers = {
        ...result.headers,
        ...corsHeaders(request.headers.origin),
        'content-length': String(result.body.length),
      };
      response.writeHead(result.statusCode, headers);
      response.end(result.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
};
