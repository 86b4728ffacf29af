import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { shopOpenApi, shopRoutes } from '../../../functions/platform/shop-api.js';
import { operationOf } from '../../../functions/shared/http/openapi.js';

type Operation = {
  operationId: string;
  security?: unknown[];
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
};

const document = shopOpenApi();
const operation = (key: string) => {
  const { method, path } = operationOf(key as `GET /${string}`);
  return (document.paths[path] as Record<string, Operation> | undefined)?.[method];
};

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route of every service once, named as in its service', () => {
    const routes = Object.values(shopRoutes).flatMap((routes) => Object.entries(routes));
    const operations = Object.values(document.paths).flatMap((path) => Object.values(path));
    expect(operations).toHaveLength(routes.length);
    for (const [name, route] of routes) expect(operation(route.key)?.operationId, route.key).toBe(name);
  });

  it('takes the request body from the schema the handler parses, strict and bounded', () => {
    const schema = operation('POST /orders')?.requestBody?.content['application/json']?.schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['items', 'shippingAddress', 'paymentToken'],
      properties: { items: { type: 'array', minItems: 1, maxItems: 50 } },
    });
  });

  it('lists path, query and header parameters with whether they are required', () => {
    expect(operation('POST /orders')?.parameters).toEqual([
      expect.objectContaining({ name: 'idempotency-key', in: 'header', required: true }),
    ]);
    expect(operation('GET /orders')?.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
    ]);
    expect(operation('GET /orders/{orderId}')?.parameters).toEqual([
      expect.objectContaining({ name: 'orderId', in: 'path', required: true }),
    ]);
  });

  it('needs no token on public routes and the bearer token everywhere else', () => {
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(operation('GET /products')?.security).toEqual([]);
    expect(operation('GET /cart')?.security).toBeUndefined();
  });

  it('answers every error as problem+json, with the statuses the route can produce', () => {
    const statuses = (key: string) => Object.keys(operation(key)?.responses ?? {});
    expect(statuses('GET /health')).toEqual(['200', '400', '429', '503']);
    expect(statuses('PUT /inventory/{sku}')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '413',
      '415',
      '429',
      '503',
    ]);
    expect(statuses('POST /orders')).toEqual(['202', '400', '401', '413', '415', '422', '429', '503']);
    expect(document.components.responses['409']).toMatchObject({
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
  });

  it('describes success bodies with the views the use cases return', () => {
    const order = operation('GET /orders/{orderId}')?.responses['200']?.content?.['application/json']?.schema;
    expect(order).toMatchObject({
      properties: {
        status: { enum: ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'NEEDS_ATTENTION'] },
        total: { properties: { amount: { type: 'integer' } } },
      },
    });
    expect(operation('DELETE /products/{sku}')?.responses['204']?.content).toBeUndefined();
  });
});
