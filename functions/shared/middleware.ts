import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { type Correlation, currentCorrelation, withCorrelation } from './correlation.js';
import { DEADLINE_MARGIN_MS, DeadlineExceededError, startInvocationDeadline } from './deadline.js';
import { logger, metrics } from './observability.js';

/**
 * Publishes the invocation's metrics if it recorded any, plus the cold-start
 * metric once per container. (Powertools' own middleware warns on every
 * invocation that records none, which reads routes always do.)
 */
const publishMetrics = (): MiddlewareObj => {
  const publish = () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return {
    before: () => {
      metrics.captureColdStartMetric();
    },
    after: publish,
    onError: publish,
  };
};

/** Notes when the invocation must be done by, for the calls it makes to other services. */
const invocationDeadline = (): MiddlewareObj => ({
  before: ({ context }) => {
    startInvocationDeadline(context);
  },
});

/** Puts the invocation's correlation id on every log line. */
const correlationKeys = (): MiddlewareObj => ({
  before: () => {
    const { correlationId, causationId } = currentCorrelation();
    logger.appendKeys({ correlationId, ...(causationId ? { causationId } : {}) });
  },
});

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

/**
 * The house middleware chain, in the one order every preset shares:
 * Powertools logger context, metrics, correlation keys, the invocation's
 * deadline, then the preset's own edge middleware (innermost, so it sees
 * errors first). The handler gives up `DEADLINE_MARGIN_MS` before the
 * function's timeout with `DeadlineExceededError`, a transient error the
 * edge maps (a route: 503 with `Retry-After`), instead of being killed.
 */
export const withHouseMiddleware = <E, R>(
  core: (event: E, context: Context) => Promise<R>,
  correlationOf: (event: E) => Correlation,
  edge?: MiddlewareObj<E, R>,
): LambdaHandler<E, R> => {
  const chain = middy<E, R>({
    timeoutEarlyInMillis: DEADLINE_MARGIN_MS,
    timeoutEarlyResponse: () => {
      throw new DeadlineExceededError();
    },
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(publishMetrics())
    .use(correlationKeys())
    .use(invocationDeadline());
  const handler = (edge ? chain.use(edge) : chain).handler(core);
  return (event, context) => withCorrelation(correlationOf(event), () => handler(event, context));
};
