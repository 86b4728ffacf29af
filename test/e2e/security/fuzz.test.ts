import { randomUUID } from 'node:crypto';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopRoutes } from '../../../functions/platform/shop-api.js';
import { operationOf } from '../../../functions/shared/http/openapi.js';
import type { RouteSpec } from '../../../functions/shared/http/route-spec.js';
import { adminTokens, api, newCustomer } from '../../support/local-cloud-client.js';
import { productWithStock, reconciledShop } from '../../support/orders.js';
import { scaled } from '../../support/time-scale.js';

/**
 * Property-based requests: valid bodies built like the schemas, then mutated
 * (a value replaced by any JSON, a key dropped, a key added), any JSON at
 * all, and arbitrary path segments and query strings. Any 4xx is a fine
 * answer (so is a 2xx for a request that happens to be valid); a 5xx is a bug.
 */
const RUNS = 60;
const tally = { tried: 0, serverErrors: [] as string[] };
let sku: string;
let customer: string;
let admin: string;

beforeAll(async () => {
  sku = await productWithStock(100_000);
  customer = (await newCustomer()).AccessToken;
  admin = (await adminTokens()).AccessToken;
}, scaled(60_000));

afterAll(() => {
  console.info(`fuzzing: ${tally.tried} requests generated, ${tally.serverErrors.length} 5xx`);
});

const send = async (what: string, path: string, options: Parameters<typeof api>[1]) => {
  const answer = await api(path, options);
  tally.tried++;
  if (answer.status >= 500)
    tally.serverErrors.push(`${what} ${path} → ${answer.status}: ${answer.text.slice(0, 200)}`);
  return answer.status;
};

const printable = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' });
const address = fc.record(
  {
    name: printable(100),
    line1: printable(200),
    line2: printable(200),
    city: printable(100),
    postalCode: printable(20),
    country: fc.constantFrom('GB', 'US', 'DE', 'FR', 'JP'),
  },
  { requiredKeys: ['name', 'line1', 'city', 'postalCode', 'country'] },
);
const orderBody = () =>
  fc.record({
    items: fc.array(fc.record({ sku: fc.constant(sku), quantity: fc.integer({ min: 1, max: 10 }) }), {
      minLength: 1,
      maxLength: 3,
    }),
    shippingAddress: address,
    paymentToken: fc.constantFrom('tok_visa', 'tok_mastercard', 'tok_decline'),
  });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A mutation of a JSON document: one value anywhere replaced, one key dropped, or one key added. */
const mutated = (body: Json, choice: number, replacement: Json, key: string): Json => {
  const paths: (string | number)[][] = [];
  const walk = (node: Json, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) walk(child, [...path, index]);
    } else if (node && typeof node === 'object') {
      for (const [name, child] of Object.entries(node)) walk(child, [...path, name]);
    }
  };
  walk(body, []);
  const target = paths[choice % paths.length] ?? [];
  const copy = structuredClone(body);
  if (target.length === 0) return replacement;
  const parent = target
    .slice(0, -1)
    .reduce<Json>((node, step) => (node as Record<string, Json>)[step] as Json, copy);
  const last = target.at(-1) as string | number;
  const container = parent as Record<string | number, Json>;
  switch (choice % 3) {
    case 0:
      container[last] = replacement;
      break;
    case 1:
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
      break;
    default:
      if (parent && typeof parent === 'object' && !Array.isArray(parent)) container[key] = replacement;
      else container[last] = replacement;
  }
  return copy;
};

describe('fuzzing the HTTP API', () => {
  it(
    'answers mutated orders with a 4xx or an acceptance, never a 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          orderBody(),
          fc.nat(),
          fc.jsonValue(),
          fc.string({ maxLength: 12 }),
          async (body, choice, replacement, key) => {
            await send('POST', '/orders', {
              method: 'POST',
              token: customer,
              headers: { 'idempotency-key': randomUUID() },
              body: mutated(body as Json, choice, replacement as Json, key),
            });
          },
        ),
        { numRuns: RUNS },
      );
      expect(tally.serverErrors).toEqual([]);
    },
    scaled(120_000),
  );

  it(
    'answers any JSON at all on every route that takes a body with a 4xx, never a 5xx',
    async () => {
      // The routes come from the same specs as the handlers and the OpenAPI document.
      const routes = Object.values(shopRoutes)
        .flatMap((service) => Object.values<RouteSpec>(service))
        .filter((route) => route.body);
      const pathOf = (route: RouteSpec) =>
        operationOf(route.key)
          .path.replace('{sku}', sku)
          .replace('{orderId}', randomUUID())
          .replace('{id}', 'A'.repeat(22));
      const tokenFor = (route: RouteSpec) =>
        route.access === 'admin' ? admin : route.access === 'customer' ? customer : undefined;
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, body) => {
          const token = tokenFor(route);
          const { method } = operationOf(route.key);
          await send(method.toUpperCase(), pathOf(route), {
            method: method.toUpperCase(),
            ...(token ? { token } : {}),
            headers: { 'idempotency-key': randomUUID() },
            body: JSON.stringify(body) ?? 'null',
          });
        }),
        { numRuns: RUNS },
      );
      expect(tally.serverErrors).toEqual([]);
    },
    scaled(120_000),
  );

  it(
    'answers arbitrary ids, path segments and query strings with a 4xx, never a 5xx',
    async () => {
      const segment = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.uuid(),
        fc.constant('..'),
        fc.constant('%00'),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('/orders/', '/products/', '/cart/items/', '/notifications/', '/inventory/'),
          segment,
          fc.dictionary(
            fc.constantFrom('limit', 'cursor', 'unread', 'category', 'x'),
            fc.string({ maxLength: 30 }),
          ),
          async (prefix, id, query) => {
            const path = `${prefix}${encodeURIComponent(id)}?${new URLSearchParams(query).toString()}`;
            await send('GET', path, { token: prefix === '/inventory/' ? admin : customer });
          },
        ),
        { numRuns: RUNS },
      );
      expect(tally.serverErrors).toEqual([]);
    },
    scaled(120_000),
  );

  it(
    'leaves the shop reconciled after the accepted orders settle',
    async () => {
      expect((await reconciledShop(60_000)).violations).toEqual([]);
    },
    scaled(90_000),
  );
});
