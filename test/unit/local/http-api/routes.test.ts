import { describe, expect, it } from 'vitest';
import { matchRoute, type Route } from '../../../../local/http-api/routes.js';

const route = (routeKey: string): Route => {
  const [method = 'ANY', path = '/'] = routeKey === '$default' ? ['ANY', '/{proxy+}'] : routeKey.split(' ');
  return {
    routeKey,
    method,
    segments: path.split('/').filter(Boolean),
    functionArn: routeKey,
    timeoutMs: 30_000,
    scopes: [],
  };
};

const routes = [
  'GET /products',
  'GET /products/{sku}',
  'GET /products/featured',
  'POST /products',
  'ANY /files/{path+}',
  'GET /',
  '$default',
].map(route);

const match = (method: string, path: string) => {
  const matched = matchRoute(routes, method, path);
  return matched && { routeKey: matched.route.routeKey, pathParameters: matched.pathParameters };
};

describe('matchRoute', () => {
  it('matches a literal path and method', () => {
    expect(match('GET', '/products')).toEqual({ routeKey: 'GET /products', pathParameters: {} });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(match('GET', '/products/featured')?.routeKey).toBe('GET /products/featured');
  });

  it('binds path parameters, decoded', () => {
    expect(match('GET', '/products/A%2DB')).toEqual({
      routeKey: 'GET /products/{sku}',
      pathParameters: { sku: 'A-B' },
    });
  });

  it('lets a greedy parameter take the rest of the path', () => {
    expect(match('PUT', '/files/a/b/c.txt')).toEqual({
      routeKey: 'ANY /files/{path+}',
      pathParameters: { path: 'a/b/c.txt' },
    });
  });

  it('matches the root route', () => {
    expect(match('GET', '/')?.routeKey).toBe('GET /');
  });

  it('falls back to $default when nothing else matches', () => {
    expect(match('DELETE', '/products')?.routeKey).toBe('$default');
    expect(match('GET', '/products/A1/extra')?.routeKey).toBe('$default');
  });

  it('matches nothing without a $default route', () => {
    expect(
      matchRoute(
        routes.filter((candidate) => candidate.routeKey !== '$default'),
        'GET',
        '/nope',
      ),
    ).toBeUndefined();
  });
});
