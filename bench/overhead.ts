import type { Context } from 'aws-lambda';
import { httpRoute } from '../functions/shared/http/http-route.js';
import { percentile, round } from './stats.js';

const context = {
  functionName: 'bench',
  awsRequestId: 'bench',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const event = {
  version: '2.0',
  routeKey: 'GET /bench',
  rawPath: '/bench',
  rawQueryString: '',
  headers: { 'x-correlation-id': 'bench' },
  isBase64Encoded: false,
  requestContext: {
    http: { method: 'GET', path: '/bench', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
    requestId: 'bench',
    routeKey: 'GET /bench',
    stage: '$default',
    time: '',
    timeEpoch: 0,
    accountId: '0',
    apiId: 'bench',
    domainName: 'bench',
    domainPrefix: 'bench',
  },
};

/**
 * The house middleware's cost per invocation: the same work as an
 * `httpRoute` handler and as a bare handler, many invocations each,
 * interleaved so both see the same machine; p50 and p99 of the difference.
 */
export const middlewareOverhead = async (iterations: number) => {
  const work = async () => ({ ok: true });
  const routed = httpRoute({ access: 'public' }, work);
  const bare = async () => ({ statusCode: 200, body: JSON.stringify(await work()) });
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  for (let warm = 0; warm < 200; warm++) {
    await routed(event as never, context);
    await bare();
  }
  const withMiddleware: number[] = [];
  const without: number[] = [];
  for (let index = 0; index < iterations; index++) {
    withMiddleware.push(await time(() => routed(event as never, context)));
    without.push(await time(bare));
  }
  return {
    middlewareP50Ms: round(percentile(withMiddleware, 50) - percentile(without, 50), 3),
    middlewareP99Ms: round(percentile(withMiddleware, 99) - percentile(without, 99), 3),
  };
};
