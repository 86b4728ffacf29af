import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { httpRoute } from '../../../../functions/shared/http/http-route.js';
import { httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';

const echo = httpRoute(
  {
    access: 'customer',
    body: z.strictObject({ n: z.int() }),
    headers: z.object({ 'idempotency-key': z.string().check(z.minLength(1), z.maxLength(255)) }),
  },
  async ({ body, caller, correlationId, headers }) => ({
    n: body.n,
    userId: caller.userId,
    correlationId,
    key: headers['idempotency-key'],
  }),
);

const failing = httpRoute({ access: 'public' }, async () => {
  throw new Error('ConditionalCheckFailed on table shop-orders-XYZ');
});

const claims = { sub: 'user-9' };

describe('httpRoute', () => {
  it('hands the route the parsed body, validated headers and the caller from the token', async () => {
    const response = parseResponse(
      await echo(
        httpEvent('POST /echo', { body: { n: 3 }, claims, headers: { 'Idempotency-Key': 'k-1' } }),
        lambdaContext(),
      ),
    );
    expect(response.body).toMatchObject({ n: 3, userId: 'user-9', key: 'k-1' });
  });

  it('echoes a sane x-correlation-id and uses it for the request', async () => {
    const response = parseResponse(
      await echo(
        httpEvent('POST /echo', {
          body: { n: 1 },
          claims,
          headers: { 'idempotency-key': 'k', 'x-correlation-id': 'abc-123' },
        }),
        lambdaContext(),
      ),
    );
    expect(response.headers['x-correlation-id']).toBe('abc-123');
    expect(response.body?.correlationId).toBe('abc-123');
  });

  it('replaces an insane x-correlation-id with a fresh one', async () => {
    const response = parseResponse(
      await echo(
        httpEvent('POST /echo', {
          body: { n: 1 },
          claims,
          headers: { 'idempotency-key': 'k', 'x-correlation-id': '<script>' },
        }),
        lambdaContext(),
      ),
    );
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the correlation id on error responses too', async () => {
    const response = parseResponse(
      await echo(httpEvent('POST /echo', { body: { n: 1 }, claims }), lambdaContext()),
    );
    expect(response.status).toBe(400);
    expect(response.body?.errors).toEqual([{ pointer: '#/headers/idempotency-key', detail: 'is required' }]);
    expect(response.headers['x-correlation-id']).toEqual(expect.any(String));
  });

  it('refuses query parameters on a route that takes none', async () => {
    const response = parseResponse(
      await echo(
        httpEvent('POST /echo', {
          body: { n: 1 },
          claims,
          query: { debug: '1' },
          headers: { 'idempotency-key': 'k' },
        }),
        lambdaContext(),
      ),
    );
    expect(response.body?.errors).toEqual([
      { pointer: '#/query/debug', detail: 'is not an allowed property' },
    ]);
  });

  it('turns an unexpected error into a generic 500 that leaks nothing', async () => {
    const response = parseResponse(await failing(httpEvent('GET /fail'), lambdaContext()));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toMatch(/shop-orders|Conditional|stack/i);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });
});
