import * as z from 'zod/mini';
import type { RouteErrorStatus, RouteSpec } from './route-spec.js';

type JsonSchema = Record<string, unknown>;
type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 415 | 503 | RouteErrorStatus;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Unparseable JSON, or the request breaks its schema (unknown keys included)',
  401: 'No valid access token',
  403: 'Signed in, but not allowed (admin routes need the admin group)',
  404: 'Not found, or not the caller’s',
  409: 'In conflict with the current state',
  413: 'Body over 64 KiB',
  415: 'Body not application/json',
  422: 'Idempotency-Key reused with a different body',
  429: 'Throttled: retry after `Retry-After` seconds',
  503: 'A backend is briefly unavailable: retry after `Retry-After` seconds',
};

const SUCCESS_DESCRIPTIONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: the work goes on asynchronously',
  204: 'Done, nothing to return',
};

const problemRef = { $ref: '#/components/schemas/Problem' };

/** What every route may answer, by the checks every route of its kind goes through. */
const errorsOf = (route: RouteSpec): ErrorStatus[] => {
  const statuses = new Set<ErrorStatus>([400, 429, 503, ...(route.errors ?? [])]);
  if (route.access !== 'public') statuses.add(401);
  if (route.access === 'admin') statuses.add(403);
  if (route.path) statuses.add(404);
  if (route.body) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
};

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), for what a client sends or receives. */
const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
};

/** The properties of an object schema as OpenAPI parameters `in` the path, the query or the headers. */
const parameters = (schema: z.ZodMiniType | undefined, location: 'path' | 'query' | 'header') => {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
};

const correlationHeader = {
  'x-correlation-id': {
    description: 'The id that follows the request through events, the saga and every log line',
    schema: { type: 'string' },
  },
};

const operation = (operationId: string, tag: string, route: RouteSpec) => {
  const success = route.successStatus ?? 200;
  return {
    operationId,
    tags: [tag],
    summary: route.summary,
    ...(route.access === 'public' ? { security: [] } : {}),
    ...(route.access === 'admin'
      ? { description: 'Admin only: the token must carry the `admin` group.' }
      : {}),
    parameters: [
      ...parameters(route.path, 'path'),
      ...parameters(route.query, 'query'),
      ...parameters(route.headers, 'header'),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [success]: {
        description: SUCCESS_DESCRIPTIONS[success] ?? 'Success',
        headers: {
          ...correlationHeader,
          ...(success === 201 || success === 202
            ? { location: { description: 'Where the resource is', schema: { type: 'string' } } }
            : {}),
        },
        ...(route.response
          ? { content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } }
          : {}),
      },
      ...Object.fromEntries(
        errorsOf(route).map((status) => [status, { $ref: `#/components/responses/${status}` }]),
      ),
    },
  };
};

const errorResponses = () =>
  Object.fromEntries(
    (Object.entries(ERROR_DESCRIPTIONS) as [string, string][]).map(([status, description]) => [
      status,
      {
        description,
        headers: {
          ...correlationHeader,
          ...(status === '429' || status === '503'
            ? { 'retry-after': { description: 'Seconds to wait', schema: { type: 'integer' } } }
            : {}),
        },
        content: { 'application/problem+json': { schema: problemRef } },
      },
    ]),
  );

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'detail'],
        properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
};

/** The OpenAPI path of a route key: `GET /orders/{orderId}` → `/orders/{orderId}`, `get`. */
export const operationOf = (key: RouteSpec['key']) => {
  const [method = '', path = ''] = key.split(' ');
  return { method: method.toLowerCase(), path };
};

/**
 * The OpenAPI 3.1 document of the HTTP API, built from the same route specs
 * the handlers parse their requests with and the stack routes from. The
 * operation id is the route's name in its service's routes (`placeOrder`),
 * the tag its service.
 */
export const openApiDocument = (
  services: Readonly<Record<string, Readonly<Record<string, RouteSpec>>>>,
  info: { title: string; version: string; description: string },
) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [tag, routes] of Object.entries(services)) {
    for (const [operationId, route] of Object.entries(routes)) {
      const { method, path } = operationOf(route.key);
      paths[path] = { ...paths[path], [method]: operation(operationId, tag, route) };
    }
  }
  return {
    openapi: '3.1.1',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The access token from POST /auth/login',
        },
      },
      schemas: { Problem: problemSchema },
      responses: errorResponses(),
    },
  };
};
