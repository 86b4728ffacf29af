import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import { correlationIdFrom, currentCorrelation } from '../correlation.js';
import { AdminOnlyError } from '../errors.js';
import { type LambdaHandler, withHouseMiddleware } from '../middleware.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import { parseOrThrow } from '../validation.js';
import { type Caller, requireCaller } from './caller.js';
import { parseJsonBody } from './json-body.js';
import { problemFor, problemResponse } from './problem.js';
import { HttpResponse } from './responses.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** Who may call a route: anyone, any signed-in customer, or members of the admin group. */
export type Access = 'public' | 'customer' | 'admin';

type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface RouteOptions<
  A extends Access,
  B extends z.ZodMiniType | undefined,
  P extends z.ZodMiniType | undefined,
  Q extends z.ZodMiniType | undefined,
  H extends z.ZodMiniType | undefined,
> {
  readonly access: A;
  /** Strict schema of the JSON body; routes without one ignore any body. */
  readonly body?: B;
  /** The body as it came, unparsed (a webhook whose signature covers its exact bytes). */
  readonly rawBody?: true;
  /** Schema of the path parameters. */
  readonly path?: P;
  /** Strict schema of the query string; routes without one reject any query parameter. */
  readonly query?: Q;
  /** Schema of the (lower-cased) headers the route reads; other headers pass untouched. */
  readonly headers?: H;
  /** Status of a successful plain-object result. Default 200. */
  readonly successStatus?: number;
  /** Business metric counted once per successful call, named after what happened (`ProductCreated`). */
  readonly metric?: string;
}

export interface RouteRequest<A extends Access, B, P, Q, H> {
  readonly body: Parsed<B>;
  /** The body's text as it came: empty unless the route asks for it with `rawBody`. */
  readonly rawBody: string;
  readonly path: Parsed<P>;
  readonly query: Parsed<Q>;
  readonly headers: Parsed<H>;
  readonly caller: A extends 'public' ? Caller | undefined : Caller;
  readonly correlationId: string;
}

const CORRELATION_HEADER = 'x-correlation-id';

const strictEmpty = z.strictObject({});

const callerFor = (access: Access, event: HttpEvent): Caller | undefined => {
  if (access === 'public') return undefined;
  const caller = requireCaller(event);
  if (access === 'admin' && !caller.isAdmin) throw new AdminOnlyError();
  return caller;
};

const parseIfSchema = <S extends z.ZodMiniType | undefined>(
  schema: S,
  read: () => unknown,
  root: string,
): Parsed<S> => (schema ? parseOrThrow(schema, read(), root) : undefined) as Parsed<S>;

const toResult = (value: unknown, successStatus: number): HttpResult => {
  const response = value instanceof HttpResponse ? value : new HttpResponse(successStatus, value);
  return {
    statusCode: response.statusCode,
    headers: {
      ...(response.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...response.headers,
    },
    ...(response.body === undefined ? {} : { body: JSON.stringify(response.body) }),
  };
};

const withCorrelationHeader = (result: HttpResult): HttpResult => ({
  ...result,
  headers: { ...result.headers, [CORRELATION_HEADER]: currentCorrelation().correlationId },
});

/** Turns every error into problem+json; only unexpected ones are logged as errors. */
const httpEdge = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  after: (request) => {
    if (request.response) request.response = withCorrelationHeader(request.response);
  },
  onError: (request) => {
    const { problem, unexpected } = problemFor(request.error);
    if (unexpected)
      logger.error('Request failed', request.error instanceof Error ? request.error : String(request.error));
    else logger.info('Request refused', { status: problem.status, type: problem.type });
    request.response = withCorrelationHeader(problemResponse(problem));
  },
});

/**
 * The preset for an API Gateway HTTP API (payload 2.0) route: access check,
 * JSON body and strict schemas for body, path, query and headers, then the
 * route's function; its result becomes JSON, every error problem+json.
 */
export const httpRoute = <
  A extends Access,
  B extends z.ZodMiniType | undefined = undefined,
  P extends z.ZodMiniType | undefined = undefined,
  Q extends z.ZodMiniType | undefined = undefined,
  H extends z.ZodMiniType | undefined = undefined,
>(
  options: RouteOptions<A, B, P, Q, H>,
  route: (request: RouteRequest<A, B, P, Q, H>) => Promise<unknown>,
): LambdaHandler<HttpEvent, HttpResult> => {
  const successStatus = options.successStatus ?? 200;
  const core = async (event: HttpEvent): Promise<HttpResult> => {
    const caller = callerFor(options.access, event);
    const headers = parseIfSchema(options.headers, () => event.headers ?? {}, 'headers');
    const path = parseIfSchema(options.path, () => event.pathParameters ?? {}, 'path');
    const query = options.query
      ? parseIfSchema(options.query, () => event.queryStringParameters ?? {}, 'query')
      : rejectQuery(event);
    const body = parseIfSchema(
      options.body,
      () =>
        parseJsonBody({
          body: event.body,
          isBase64Encoded: event.isBase64Encoded,
          contentType: event.headers?.['content-type'],
        }),
      '',
    );
    const rawBody =
      options.rawBody && event.body
        ? event.isBase64Encoded
          ? Buffer.from(event.body, 'base64').toString('utf8')
          : event.body
        : '';
    const request = {
      body,
      rawBody,
      path,
      query,
      headers,
      caller,
      correlationId: currentCorrelation().correlationId,
    } as RouteRequest<A, B, P, Q, H>;
    const result = toResult(await route(request), successStatus);
    if (options.metric) metrics.addMetric(options.metric, MetricUnit.Count, 1);
    return result;
  };
  return withHouseMiddleware<HttpEvent, HttpResult>(
    core,
    (event) => ({ correlationId: correlationIdFrom(event.headers?.[CORRELATION_HEADER]) }),
    httpEdge(),
  );
};

const rejectQuery = <Q>(event: HttpEvent): Parsed<Q> => {
  const names = Object.keys(event.queryStringParameters ?? {});
  if (names.length > 0) parseOrThrow(strictEmpty, event.queryStringParameters, 'query');
  return undefined as Parsed<Q>;
};
