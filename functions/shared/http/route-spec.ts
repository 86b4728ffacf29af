import type * as z from 'zod/mini';
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
  B extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  P extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  Q extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
  H extends z.ZodMiniType | undefined = z.ZodMiniType | undefined,
> extends RouteOptions<A, B, P, Q, H> {
  readonly key: RouteKey;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  /** Schema of the success body; none when the route answers 204. */
  readonly response?: z.ZodMiniType;
  /** Errors particular to this route (409 sku taken, 422 key reused…). */
  readonly errors?: readonly RouteErrorStatus[];
}

/** Declares a route; the type parameters are inferred, as `httpRoute` infers them. */
export const defineRoute = <
  A extends Access,
  B extends z.ZodMiniType | undefined = undefined,
  P extends z.ZodMiniType | undefined = undefined,
  Q extends z.ZodMiniType | undefined = undefined,
  H extends z.ZodMiniType | undefined = undefined,
>(
  spec: RouteSpec<A, B, P, Q, H>,
): RouteSpec<A, B, P, Q, H> => spec;
