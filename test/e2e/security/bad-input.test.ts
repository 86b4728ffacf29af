import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminTokens, api, eventually, newCustomer } from '../../support/local-cloud-client.js';
import { address, productWithStock, settledOrder, stockOf } from '../../support/orders.js';
import { scaled } from '../../support/time-scale.js';

/**
 * Bad requests across the routes, each with the 4xx it must get; none may
 * answer 5xx, leak internals or change anything. The state the requests aim
 * at is read before and after: it must be the same.
 */
interface BadRequest {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly as: 'customer' | 'stranger' | 'admin' | 'nobody';
  readonly body?: unknown;
  /** A body sent as it is (malformed JSON, odd escapes), as application/json unless headers say otherwise. */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  readonly status: number;
}

const LEAKS = /\bat [\w.<>]+ \(|stack|Table[A-Z0-9]|dynamodb|aws-sdk|Exception|ResourceNotFound|arn:aws/i;

let sku: string;
let orderId: string;
let usedKey: string;
const tokens: Record<'customer' | 'stranger' | 'admin', string> = { customer: '', stranger: '', admin: '' };

const order = (changes: Record<string, unknown> = {}) => ({
  items: [{ sku, quantity: 1 }],
  shippingAddress: address,
  paymentToken: 'tok_visa',
  ...changes,
});

/** What the bad requests aim at, as the customers and the admin see it. */
const fingerprint = async () =>
  JSON.stringify(
    await Promise.all([
      api('/me', { token: tokens.customer }).then((answer) => [answer.status, answer.body]),
      api('/cart', { token: tokens.customer }).then((answer) => answer.body),
      api('/orders', { token: tokens.customer }).then((answer) => answer.body),
      api('/orders', { token: tokens.stranger }).then((answer) => answer.body),
      api(`/orders/${orderId}`, { token: tokens.customer }).then((answer) => answer.body),
      api(`/products/${sku}`).then((answer) => answer.body),
      stockOf(sku),
      api('/notifications', { token: tokens.customer }).then((answer) => answer.body),
    ]),
  );

beforeAll(async () => {
  sku = await productWithStock(5);
  tokens.customer = (await newCustomer()).AccessToken;
  tokens.stranger = (await newCustomer()).AccessToken;
  tokens.admin = (await adminTokens()).AccessToken;
  await api(`/cart/items/${sku}`, { method: 'PUT', token: tokens.customer, body: { quantity: 1 } });
  usedKey = randomUUID();
  const placed = await api('/orders', {
    method: 'POST',
    token: tokens.customer,
    headers: { 'idempotency-key': usedKey },
    body: order(),
  });
  orderId = (placed.body as { orderId: string }).orderId;
  await settledOrder(tokens.customer, orderId);
  // And what follows the confirmation: the stock committed, the receipt and confirmation stored.
  await eventually(async () => ((await stockOf(sku)).reserved === 0 ? true : undefined));
  await eventually(async () => {
    const { items } = (await api('/notifications', { token: tokens.customer })).body as { items: unknown[] };
    return items.length === 2 ? true : undefined;
  });
}, scaled(60_000));

const cases = (): BadRequest[] => {
  const postOrder = (name: string, body: unknown, status = 400, headers: Record<string, string> = {}) => ({
    name,
    method: 'POST',
    path: '/orders',
    as: 'customer' as const,
    body,
    headers: { 'idempotency-key': randomUUID(), ...headers },
    status,
  });
  const rawOrder = (name: string, raw: string, status = 400, headers: Record<string, string> = {}) => ({
    name,
    method: 'POST',
    path: '/orders',
    as: 'customer' as const,
    raw,
    headers: { 'idempotency-key': randomUUID(), ...headers },
    status,
  });
  const unknownOrder = randomUUID();
  const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
  return [
    rawOrder('malformed JSON', '{"items": [', 400),
    rawOrder('an empty body', '', 400),
    rawOrder('a JSON array instead of an object', '[]', 400),
    rawOrder('JSON null', 'null', 400),
    rawOrder('text/plain', JSON.stringify({ items: [] }), 415, { 'content-type': 'text/plain' }),
    rawOrder('form encoding', 'items=1', 415, { 'content-type': 'application/x-www-form-urlencoded' }),
    rawOrder('a body over 64 KiB', JSON.stringify(order({ note: 'x'.repeat(70_000) })), 413),
    rawOrder('JSON nested 100 deep', deep, 400),
    {
      name: 'no Idempotency-Key',
      method: 'POST',
      path: '/orders',
      as: 'customer',
      body: order(),
      status: 400,
    },
    postOrder('an Idempotency-Key of 256 characters', order(), 400, { 'idempotency-key': 'k'.repeat(256) }),
    postOrder('a used Idempotency-Key with another body', order({ paymentToken: 'tok_mastercard' }), 422, {
      'idempotency-key': usedKey,
    }),
    postOrder('no items', order({ items: [] })),
    postOrder(
      '51 lines',
      order({ items: Array.from({ length: 51 }, (_, index) => ({ sku: `SKU-${index}`, quantity: 1 })) }),
    ),
    postOrder('quantity 0', order({ items: [{ sku, quantity: 0 }] })),
    postOrder('quantity 11', order({ items: [{ sku, quantity: 11 }] })),
    postOrder('quantity 1.5', order({ items: [{ sku, quantity: 1.5 }] })),
    postOrder('quantity as a string', order({ items: [{ sku, quantity: '1' }] })),
    postOrder('quantity 1e309 (Infinity)', order({ items: [{ sku, quantity: 1e308 * 10 }] })),
    postOrder('a path-like sku', order({ items: [{ sku: '../../etc/passwd', quantity: 1 }] })),
    postOrder('an injection string as sku', order({ items: [{ sku: "' OR 1=1 --", quantity: 1 }] })),
    postOrder('an unknown sku', order({ items: [{ sku: 'NO-SUCH-SKU-0000', quantity: 1 }] })),
    postOrder(
      'a price on a line',
      order({ items: [{ sku, quantity: 1, price: { amount: 1, currency: 'USD' } }] }),
    ),
    postOrder('a status', order({ status: 'CONFIRMED' })),
    postOrder('a userId', order({ userId: 'someone-else' })),
    postOrder('a total', order({ total: { amount: 0, currency: 'USD' } })),
    rawOrder('a __proto__ key', JSON.stringify(order()).replace('{', '{"__proto__":{"isAdmin":true},')),
    rawOrder('a constructor key', JSON.stringify(order()).replace('{', '{"constructor":{"prototype":{}},')),
    postOrder('a card number as payment token', order({ paymentToken: '4111111111111111' })),
    postOrder('a lower-case country', order({ shippingAddress: { ...address, country: 'gb' } })),
    postOrder('a NUL in the name', order({ shippingAddress: { ...address, name: 'Ada\u0000' } })),
    postOrder(
      'terminal escapes in the city',
      order({ shippingAddress: { ...address, city: '\u001b[2JLondon' } }),
    ),
    rawOrder(
      'an unpaired surrogate in the name',
      JSON.stringify(order()).replace('Ada Lovelace', 'Ada \\ud800 Lovelace'),
    ),
    postOrder(
      'a name of 10 000 characters',
      order({ shippingAddress: { ...address, name: 'n'.repeat(10_000) } }),
    ),
    postOrder('an address missing its city', order({ shippingAddress: { ...address, city: undefined } })),
    {
      name: 'quantity 0 in the cart',
      method: 'PUT',
      path: `/cart/items/${sku}`,
      as: 'customer',
      body: { quantity: 0 },
      status: 400,
    },
    {
      name: 'quantity 11 in the cart',
      method: 'PUT',
      path: `/cart/items/${sku}`,
      as: 'customer',
      body: { quantity: 11 },
      status: 400,
    },
    {
      name: 'a negative cart quantity',
      method: 'PUT',
      path: `/cart/items/${sku}`,
      as: 'customer',
      body: { quantity: -1 },
      status: 400,
    },
    {
      name: 'a unit price in the cart',
      method: 'PUT',
      path: `/cart/items/${sku}`,
      as: 'customer',
      body: { quantity: 1, unitPrice: { amount: 1, currency: 'USD' } },
      status: 400,
    },
    {
      name: 'a malformed sku in the cart path',
      method: 'PUT',
      path: '/cart/items/%3Cscript%3E',
      as: 'customer',
      body: { quantity: 1 },
      status: 400,
    },
    {
      name: 'an unknown sku in the cart',
      method: 'PUT',
      path: '/cart/items/NO-SUCH-SKU-0000',
      as: 'customer',
      body: { quantity: 1 },
      status: 404,
    },
    {
      name: 'an order id that is not one',
      method: 'GET',
      path: '/orders/not-an-id',
      as: 'customer',
      status: 400,
    },
    {
      name: 'an order that does not exist',
      method: 'GET',
      path: `/orders/${unknownOrder}`,
      as: 'customer',
      status: 404,
    },
    {
      name: "another customer's order",
      method: 'GET',
      path: `/orders/${orderId}`,
      as: 'stranger',
      status: 404,
    },
    {
      name: "another customer's order history",
      method: 'GET',
      path: `/orders/${orderId}/history`,
      as: 'stranger',
      status: 404,
    },
    {
      name: "cancelling another customer's order",
      method: 'POST',
      path: `/orders/${orderId}/cancel`,
      as: 'stranger',
      status: 404,
    },
    {
      name: "another customer's shipment",
      method: 'GET',
      path: `/orders/${orderId}/shipment`,
      as: 'stranger',
      status: 404,
    },
    { name: 'a page size of 0', method: 'GET', path: '/orders?limit=0', as: 'customer', status: 400 },
    { name: 'a page size of 1000', method: 'GET', path: '/orders?limit=1000', as: 'customer', status: 400 },
    {
      name: 'a forged cursor',
      method: 'GET',
      path: '/orders?cursor=eyJwayI6IkFETUlOIn0',
      as: 'customer',
      status: 400,
    },
    {
      name: 'an unknown query parameter',
      method: 'GET',
      path: '/orders?status=CONFIRMED',
      as: 'customer',
      status: 400,
    },
    {
      name: 'a customer creating a product',
      method: 'POST',
      path: '/products',
      as: 'customer',
      body: {
        sku: 'HACK-1',
        name: 'Hack',
        description: '',
        category: 'home',
        price: { amount: 1, currency: 'USD' },
      },
      status: 403,
    },
    {
      name: 'a customer renaming a category',
      method: 'PUT',
      path: '/categories/home',
      as: 'customer',
      body: { name: 'Hacked' },
      status: 403,
    },
    {
      name: 'a customer deleting a category',
      method: 'DELETE',
      path: '/categories/home',
      as: 'customer',
      status: 403,
    },
    {
      name: 'a password with a space at its start (Cognito refuses it)',
      method: 'POST',
      path: '/auth/signup',
      as: 'nobody',
      body: { email: 'spaced@example.com', password: ' spaced out', name: 'Spaced Out' },
      status: 400,
    },
    {
      name: 'an empty confirmation code',
      method: 'POST',
      path: '/auth/confirm',
      as: 'nobody',
      body: { email: 'x@example.com', code: '' },
      status: 400,
    },
    {
      name: 'a reset code for an email with no account',
      method: 'POST',
      path: '/auth/password/reset',
      as: 'nobody',
      body: { email: 'nobody-at-all@example.com', code: '123456', newPassword: 'long enough' },
      status: 400,
    },
    {
      name: 'an MFA code that is not six digits',
      method: 'POST',
      path: '/auth/mfa',
      as: 'nobody',
      body: { email: 'x@example.com', session: 's'.repeat(40), code: '12ab56' },
      status: 400,
    },
    {
      name: 'an MFA session nobody was given',
      method: 'POST',
      path: '/auth/mfa',
      as: 'nobody',
      body: { email: 'x@example.com', session: 's'.repeat(40), code: '123456' },
      status: 401,
    },
    {
      name: 'verifying TOTP before asking for a secret',
      method: 'POST',
      path: '/me/mfa/totp/verify',
      as: 'customer',
      body: { code: '123456' },
      status: 409,
    },
    {
      name: 'a new password of 7 characters',
      method: 'POST',
      path: '/me/password',
      as: 'customer',
      body: { currentPassword: 'correct horse battery', newPassword: 'short12' },
      status: 400,
    },
    {
      name: 'an extra property on forgot-password',
      method: 'POST',
      path: '/auth/password/forgot',
      as: 'nobody',
      body: { email: 'x@example.com', admin: true },
      status: 400,
    },
    {
      name: 'deleting an account with a confirmed order',
      method: 'DELETE',
      path: '/me',
      as: 'customer',
      status: 409,
    },
    {
      name: "a customer reading another user's profile",
      method: 'GET',
      path: '/users/someone-else',
      as: 'customer',
      status: 403,
    },
    {
      name: 'a search of more than 100 characters',
      method: 'GET',
      path: `/products?q=${'a'.repeat(101)}`,
      as: 'customer',
      status: 400,
    },
    {
      name: 'a price range upside down',
      method: 'GET',
      path: '/products?minPrice=5000&maxPrice=100',
      as: 'customer',
      status: 400,
    },
    {
      name: 'sorting by relevance without a search',
      method: 'GET',
      path: '/products?sort=relevance',
      as: 'customer',
      status: 400,
    },
    {
      name: 'a customer setting stock',
      method: 'PUT',
      path: `/inventory/${sku}`,
      as: 'customer',
      body: { available: 1000 },
      status: 403,
    },
    {
      name: 'a customer shipping an order',
      method: 'POST',
      path: `/orders/${orderId}/ship`,
      as: 'customer',
      body: {},
      status: 403,
    },
    {
      name: 'negative stock',
      method: 'PUT',
      path: `/inventory/${sku}`,
      as: 'admin',
      body: { available: -1 },
      status: 400,
    },
    {
      name: 'fractional stock',
      method: 'PUT',
      path: `/inventory/${sku}`,
      as: 'admin',
      body: { available: 1.5 },
      status: 400,
    },
    {
      name: 'a price in fractional units',
      method: 'PUT',
      path: `/products/${sku}`,
      as: 'admin',
      body: { name: 'X', description: '', category: 'home', price: { amount: 12.5, currency: 'USD' } },
      status: 400,
    },
    {
      name: 'a price as a string',
      method: 'PUT',
      path: `/products/${sku}`,
      as: 'admin',
      body: { name: 'X', description: '', category: 'home', price: '12.50' },
      status: 400,
    },
    {
      name: 'a negative price',
      method: 'PUT',
      path: `/products/${sku}`,
      as: 'admin',
      body: { name: 'X', description: '', category: 'home', price: { amount: -100, currency: 'USD' } },
      status: 400,
    },
    {
      name: 'a product that exists already',
      method: 'POST',
      path: '/products',
      as: 'admin',
      body: { sku, name: 'Other', description: '', category: 'home', price: { amount: 1, currency: 'USD' } },
      status: 409,
    },
    {
      name: 'a one-letter name',
      method: 'PATCH',
      path: '/me',
      as: 'customer',
      body: { name: 'A' },
      status: 400,
    },
    {
      name: 'a name with terminal escapes',
      method: 'PATCH',
      path: '/me',
      as: 'customer',
      body: { name: 'Eve\u001b[2J' },
      status: 400,
    },
    {
      name: 'changing the user id',
      method: 'PATCH',
      path: '/me',
      as: 'customer',
      body: { name: 'Eve', userId: 'admin' },
      status: 400,
    },
    {
      name: 'changing the email',
      method: 'PATCH',
      path: '/me',
      as: 'customer',
      body: { name: 'Eve', email: 'eve@example.com' },
      status: 400,
    },
    {
      name: 'a malformed notification id',
      method: 'POST',
      path: '/notifications/not-an-id/read',
      as: 'customer',
      status: 400,
    },
    { name: 'unread=maybe', method: 'GET', path: '/notifications?unread=maybe', as: 'customer', status: 400 },
    {
      name: 'a sign-up with an invalid email',
      method: 'POST',
      path: '/auth/signup',
      as: 'nobody',
      body: { email: 'not-an-email', password: 'correct horse', name: 'Eve' },
      status: 400,
    },
    {
      name: 'a sign-up with a short password',
      method: 'POST',
      path: '/auth/signup',
      as: 'nobody',
      body: { email: 'eve@example.com', password: 'short', name: 'Eve' },
      status: 400,
    },
    {
      name: 'a log-in without a password',
      method: 'POST',
      path: '/auth/login',
      as: 'nobody',
      body: { email: 'eve@example.com' },
      status: 400,
    },
    { name: 'a customer route without a token', method: 'GET', path: '/cart', as: 'nobody', status: 401 },
  ];
};

describe('bad input across the routes', () => {
  it(
    'gets the right 4xx for every bad request, never a 5xx or a leak, and changes nothing',
    async () => {
      const before = await fingerprint();
      const tried = cases();
      const outcomes: { name: string; expected: number; status: number; problem: boolean; leak: boolean }[] =
        [];
      for (const request of tried) {
        const answer = await api(request.path, {
          method: request.method,
          ...(request.as === 'nobody' ? {} : { token: tokens[request.as] }),
          ...(request.raw !== undefined
            ? { body: request.raw }
            : request.body !== undefined
              ? { body: request.body }
              : {}),
          ...(request.headers ? { headers: request.headers } : {}),
        });
        outcomes.push({
          name: request.name,
          expected: request.status,
          status: answer.status,
          // The gateway's own 401/403 answer `{ message }`, as API Gateway does; everything else is problem+json.
          problem:
            answer.headers.get('content-type') === 'application/problem+json' ||
            (answer.status === 401 && request.as === 'nobody'),
          leak: LEAKS.test(answer.text),
        });
      }
      const wrong = outcomes.filter(
        ({ expected, status, problem, leak }) => expected !== status || !problem || leak,
      );
      console.info(
        `bad input: ${outcomes.length} requests tried, ${outcomes.length - wrong.length} answered as expected, ` +
          `${outcomes.filter(({ status }) => status >= 500).length} 5xx, ${outcomes.filter(({ leak }) => leak).length} leaks`,
      );
      expect(tried.length).toBeGreaterThanOrEqual(40);
      expect(wrong).toEqual([]);
      expect(await fingerprint()).toBe(before);
    },
    scaled(120_000),
  );
});
