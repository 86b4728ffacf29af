import type * as z from 'zod';
import type { Access, RouteOptions } from './http-route.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `GET /products/{sku}`: API Gateway's route key. */
export type RouteKey = `${HttpMethod} /${string}`;

/** The error statuses a route can answer beyond those every route of its kind can (see openapi.ts). */
export type RouteErrorStatus = 401 | 404 | 409 | 422 | 429;

/**
 * One route of the HTTP contract (API.md): where it lives, who may call it,
 * what it reads and what it answers. The handler parses its requests with
 * it, the stack adds the API Gateway route from it and `GET /openapi.json`
 * describes it, so the three cannot drift apart.
 */
export interface RouteSpec<
  A extends Access = Access,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  H extends z.ZodType | undefined = z.ZodType | undefined,
> extends RouteOptions<A, B, P, Q, H> {
  readonly key: RouteKey;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /** Schema of the success body; none when the route answers 204. */
  readonly response?: z.ZodType;
  /** Errors particular to this route (409 sku taken, 422 key reused…). */
  readonly errors?: readonly RouteErrorStatus[];
}

/** Declares a route; the type parameters are inferred, as `httpRoute` infers them. */
export const defineRoute = <
  A extends Access,
  B extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  H extends z.ZodType | undefined = undefined,
>(
  spec: RouteSpec<A, B, P, Q, H>,
): RouteSpec<A, B, P, Q, H> => spec;
