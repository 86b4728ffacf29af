import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { expect, it } from 'vitest';
import { ADMIN_GROUP } from '../../functions/shared/http/caller.js';
import { eventually } from '../support/local-cloud-client.js';
import { scaled } from '../support/time-scale.js';
import { apiUrl, clientConfig, onLocalStackWithHttpApi, physicalId } from './support.js';

const call = async (
  path: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) => {
  const response = await fetch(`${apiUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

/** The HTTP contract end to end on LocalStack's API Gateway and Cognito (paid image only). */
onLocalStackWithHttpApi('the HTTP API', () => {
  it('serves the health check and the OpenAPI document without a token, and refuses a protected route without one', async () => {
    expect((await call('/health')).status).toBe(200);
    expect((await call('/openapi.json')).body).toMatchObject({ openapi: '3.1.1' });
    expect((await call('/cart')).status).toBe(401);
  });

  /** A confirmed user of the deployed pool, signed in through the API; an admin when asked. */
  const signedIn = async (admin = false) => {
    const email = `ls-${randomUUID()}@example.com`;
    const password = 'correct horse battery';
    expect(
      (await call('/auth/signup', { method: 'POST', body: { email, password, name: 'Ada' } })).status,
    ).toBe(201);
    const cognito = new CognitoIdentityProviderClient(clientConfig());
    const UserPoolId = physicalId('AWS::Cognito::UserPool', 'IdentityUserPool');
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId, Username: email }));
    if (admin)
      await cognito.send(
        new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: ADMIN_GROUP }),
      );
    const login = await call('/auth/login', { method: 'POST', body: { email, password } });
    expect(login.status).toBe(200);
    return String(login.body.accessToken);
  };

  it('signs a customer up and in, and takes an order through to CONFIRMED', async () => {
    const admin = await signedIn(true);
    const sku = `LS-${randomUUID().slice(0, 8).toUpperCase()}`;
    await call('/categories', { method: 'POST', token: admin, body: { id: 'home', name: 'Home' } });
    const created = await call('/products', {
      method: 'POST',
      token: admin,
      body: {
        sku,
        name: `Test ${sku}`,
        description: '',
        category: 'home',
        price: { amount: 1250, currency: 'USD' },
      },
    });
    expect(created.status).toBe(201);
    await eventually(
      async () => ((await call(`/inventory/${sku}`, { token: admin })).status === 200 ? true : undefined),
      scaled(60_000),
    );
    expect(
      (await call(`/inventory/${sku}`, { method: 'PUT', token: admin, body: { available: 3 } })).status,
    ).toBe(200);

    const token = await signedIn();
    const placed = await call('/orders', {
      method: 'POST',
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        items: [{ sku, quantity: 1 }],
        shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'London', postalCode: 'N1', country: 'GB' },
        paymentToken: 'tok_visa',
      },
    });
    expect(placed.status).toBe(202);
    const order = await eventually(async () => {
      const answer = await call(`/orders/${String(placed.body.orderId)}`, { token });
      return answer.body.status !== 'PENDING' ? answer.body : undefined;
    }, scaled(120_000));
    expect(order).toMatchObject({ status: 'CONFIRMED' });
  });
});
