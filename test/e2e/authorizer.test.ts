import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { adminTokens, api, inspect, newCustomer } from '../support/local-cloud-client.js';

const invocationsOf = async (name: string) =>
  (await inspect<Record<string, number>>('invocations'))[name] ?? 0;

const decode = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('the JWT authorizer on the local cloud', () => {
  it('lets a valid admin access token through', async () => {
    const { AccessToken } = await adminTokens();
    const response = await api('/categories', {
      method: 'POST',
      token: AccessToken,
      body: { id: `e2e-${Date.now()}`, name: 'E2E' },
    });
    expect(response.status).toBe(201);
  });

  it('accepts the token without the Bearer prefix, as API Gateway does', async () => {
    const { AccessToken } = await adminTokens();
    const response = await api('/categories', {
      method: 'POST',
      headers: { authorization: AccessToken },
      body: { id: `e2e-raw-${Date.now()}`, name: 'Raw' },
    });
    expect(response.status).toBe(201);
  });

  it('refuses missing and forged tokens with 401 before any function runs', async () => {
    const { AccessToken } = await adminTokens();
    const claims = decode(AccessToken);
    const [header = '', payload = '', signature = ''] = AccessToken.split('.');
    const attacker = await generateKeyPair('RS256');
    const attackerSigned = await new SignJWT(claims)
      .setProtectedHeader({
        alg: 'RS256',
        kid: String(JSON.parse(Buffer.from(header, 'base64url').toString()).kid),
      })
      .sign(attacker.privateKey);
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(JSON.stringify(await exportJWK(attacker.publicKey))));
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin', 'root'] })).toString('base64url')}.${signature}`;
    const before = await invocationsOf('Catalog/CreateCategory');
    const cases: Record<string, Record<string, string>> = {
      'no authorization header': {},
      'an empty bearer': { authorization: 'Bearer ' },
      'a malformed token': { authorization: 'Bearer not.a.jwt' },
      'alg none': { authorization: `Bearer ${none}` },
      'HS256 signed with the public key': { authorization: `Bearer ${hs256}` },
      "an attacker's key with a valid-looking kid": { authorization: `Bearer ${attackerSigned}` },
      'a tampered payload': { authorization: `Bearer ${tampered}` },
      'a wrong scheme': { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    };
    for (const [name, headers] of Object.entries(cases)) {
      const response = await api('/categories', {
        method: 'POST',
        headers,
        body: { id: 'forged', name: 'Forged' },
      });
      expect({ name, status: response.status, body: response.body }).toEqual({
        name,
        status: 401,
        body: { message: 'Unauthorized' },
      });
    }
    expect(await invocationsOf('Catalog/CreateCategory')).toBe(before);
  });

  it('refuses an ID token where an access token is needed (403: it carries no scope)', async () => {
    const customer = await newCustomer();
    const before = await invocationsOf('Catalog/CreateProduct');
    const response = await api('/products', { method: 'POST', token: customer.IdToken, body: {} });
    expect(response).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
    expect(await invocationsOf('Catalog/CreateProduct')).toBe(before);
  });

  it('hands the function the claims as API Gateway does, so the group check works', async () => {
    const customer = await newCustomer();
    const response = await api('/products/BOOK-DDIA', {
      method: 'DELETE',
      token: customer.AccessToken,
    });
    expect(response.status).toBe(403);
    expect((await api('/products/BOOK-DDIA')).status).toBe(200);
  });
});
