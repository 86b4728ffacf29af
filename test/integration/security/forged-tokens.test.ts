import type { Server } from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../../local/http-api/gateway.js';
import { JwtAuthorizer } from '../../../local/http-api/jwt-authorizer.js';
import type { FunctionInvoker } from '../../../local/lambda/functions.js';
import { freePort } from '../../../local/net.js';

/**
 * Forged and broken tokens against the HTTP API's JWT authorizer, configured
 * as the shop configures it (a Cognito issuer, the app client as audience,
 * the Cognito access scope on every customer route): each one is refused
 * before any function runs. The function behind the route counts its calls.
 */
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Shop';
const CLIENT_ID = 'shop-app-client';
const SCOPE = 'aws.cognito.signin.user.admin';
const KID = 'shop-signing-key';

let server: Server;
let url: string;
let shopKey: Awaited<ReturnType<typeof generateKeyPair>>;
let attackerKey: Awaited<ReturnType<typeof generateKeyPair>>;
let invocations = 0;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An access token as Cognito issues it, with `changes` applied. */
const accessClaims = (changes: JWTPayload = {}): JWTPayload => ({
  sub: '11111111-2222-4333-8444-555555555555',
  iss: ISSUER,
  client_id: CLIENT_ID,
  token_use: 'access',
  scope: SCOPE,
  'cognito:groups': ['admin'],
  iat: nowSeconds() - 60,
  exp: nowSeconds() + 3600,
  ...changes,
});

const sign = (claims: JWTPayload, key = shopKey.privateKey, header: Record<string, unknown> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KID, ...header }).sign(key);

beforeAll(async () => {
  shopKey = await generateKeyPair('RS256', { extractable: true });
  attackerKey = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(shopKey.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const functions: FunctionInvoker = {
    find: (name) => ({ name, arn: name }),
    invoke: async () => {
      invocations++;
      return { ok: true, payload: { statusCode: 202, body: '{}' } };
    },
  };
  const port = await freePort();
  server = await startGateway({
    api: {
      apiId: 'shop',
      routes: [
        {
          routeKey: 'POST /orders',
          method: 'POST',
          segments: ['orders'],
          functionArn: 'PlaceOrder',
          timeoutMs: 30_000,
          scopes: [SCOPE],
          authorizer: { issuer: ISSUER, audience: [CLIENT_ID], headerName: 'authorization' },
        },
      ],
    },
    functions,
    authorizer: new JwtAuthorizer(new Map([[ISSUER, { keys: [jwk] }]])),
    port,
  });
  url = `http://127.0.0.1:${port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (headers: Record<string, string>) =>
  fetch(`${url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });

describe('forged tokens against the JWT authorizer', () => {
  it('lets a genuine access token through (the control case: the suite can tell)', async () => {
    const before = invocations;
    expect((await post({ authorization: `Bearer ${await sign(accessClaims())}` })).status).toBe(202);
    expect(invocations).toBe(before + 1);
  });

  it('refuses every forged, broken or misused token before the function runs', async () => {
    const genuine = await sign(accessClaims());
    const [header = '', payload = '', signature = ''] = genuine.split('.');
    const publicPem = await exportSPKI(shopKey.publicKey);
    const hmac = (secret: string, alg = 'HS256') =>
      new SignJWT(accessClaims())
        .setProtectedHeader({ alg, kid: KID })
        .sign(new TextEncoder().encode(secret));
    const unsigned = (alg: string) => `${b64({ alg, typ: 'JWT', kid: KID })}.${payload}.`;
    const flipped = `${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const es256 = await generateKeyPair('ES256');

    const refused: Record<string, { headers: Record<string, string>; status?: number }> = {
      'no Authorization header': { headers: {} },
      'an empty Authorization header': { headers: { authorization: '' } },
      'Bearer and nothing else': { headers: { authorization: 'Bearer ' } },
      'a token of one segment': { headers: { authorization: 'Bearer abc' } },
      'a token of two segments': { headers: { authorization: `Bearer ${header}.${payload}` } },
      'a token of four segments': { headers: { authorization: `Bearer ${genuine}.extra` } },
      'a header that is not base64url JSON': {
        headers: { authorization: `Bearer %%%.${payload}.${signature}` },
      },
      'alg none': { headers: { authorization: `Bearer ${unsigned('none')}` } },
      'alg None': { headers: { authorization: `Bearer ${unsigned('None')}` } },
      'alg NONE': { headers: { authorization: `Bearer ${unsigned('NONE')}` } },
      'alg nOnE with the genuine signature kept': {
        headers: { authorization: `Bearer ${b64({ alg: 'nOnE', kid: KID })}.${payload}.${signature}` },
      },
      'HS256 signed with the public key (PEM) as the secret': {
        headers: { authorization: `Bearer ${await hmac(publicPem)}` },
      },
      'HS512 signed with the public key': {
        headers: { authorization: `Bearer ${await hmac(publicPem, 'HS512')}` },
      },
      "an attacker's key under the genuine kid": {
        headers: { authorization: `Bearer ${await sign(accessClaims(), attackerKey.privateKey)}` },
      },
      "an attacker's key under a kid of its own": {
        headers: {
          authorization: `Bearer ${await sign(accessClaims(), attackerKey.privateKey, { kid: 'attacker' })}`,
        },
      },
      "an attacker's key announced through jku": {
        headers: {
          authorization: `Bearer ${await sign(accessClaims(), attackerKey.privateKey, { jku: 'https://attacker.example/jwks.json' })}`,
        },
      },
      'ES256, an algorithm API Gateway does not accept': {
        headers: {
          authorization: `Bearer ${await new SignJWT(accessClaims()).setProtectedHeader({ alg: 'ES256', kid: KID }).sign(es256.privateKey)}`,
        },
      },
      'a tampered payload (admin granted) under the genuine signature': {
        headers: {
          authorization: `Bearer ${header}.${b64(accessClaims({ sub: 'someone-else', 'cognito:groups': ['admin', 'root'] }))}.${signature}`,
        },
      },
      'a tampered signature': { headers: { authorization: `Bearer ${header}.${payload}.${flipped}` } },
      'the signature stripped': { headers: { authorization: `Bearer ${header}.${payload}.` } },
      'an expired token': {
        headers: { authorization: `Bearer ${await sign(accessClaims({ exp: nowSeconds() - 10 }))}` },
      },
      'a token without an expiry': {
        headers: { authorization: `Bearer ${await sign({ ...accessClaims(), exp: undefined })}` },
      },
      'a token not valid yet (nbf an hour ahead)': {
        headers: { authorization: `Bearer ${await sign(accessClaims({ nbf: nowSeconds() + 3600 }))}` },
      },
      'a token issued in the future': {
        headers: { authorization: `Bearer ${await sign(accessClaims({ iat: nowSeconds() + 3600 }))}` },
      },
      'another issuer': {
        headers: {
          authorization: `Bearer ${await sign(accessClaims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' }))}`,
        },
      },
      'another app client (client_id)': {
        headers: { authorization: `Bearer ${await sign(accessClaims({ client_id: 'attacker-client' }))}` },
      },
      'another audience (aud)': {
        headers: {
          authorization: `Bearer ${await sign({ ...accessClaims(), client_id: undefined, aud: 'attacker-client' })}`,
        },
      },
      'neither aud nor client_id': {
        headers: { authorization: `Bearer ${await sign({ ...accessClaims(), client_id: undefined })}` },
      },
      'a Basic scheme': {
        headers: { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
      },
      'the token in another header': { headers: { 'x-access-token': genuine } },
      'a long token (8 KiB payload)': {
        headers: { authorization: `Bearer ${header}.${'A'.repeat(8192)}.${signature}` },
      },
      // Over the header limit (API Gateway: 10 KiB of headers): refused by the HTTP layer itself.
      'a very long token (64 KiB)': {
        headers: { authorization: `Bearer ${header}.${'A'.repeat(65_536)}.${signature}` },
        status: 431,
      },
      'an ID token where an access token is needed (no scope: 403)': {
        headers: {
          authorization: `Bearer ${await sign({ ...accessClaims({ token_use: 'id', aud: CLIENT_ID }), client_id: undefined, scope: undefined })}`,
        },
        status: 403,
      },
      'an access token without the scope (403)': {
        headers: { authorization: `Bearer ${await sign({ ...accessClaims(), scope: 'openid' })}` },
        status: 403,
      },
    };

    const before = invocations;
    const outcomes = await Promise.all(
      Object.entries(refused).map(async ([name, { headers, status = 401 }]) => {
        const response = await post(headers);
        return {
          name,
          expected: status,
          status: response.status,
          body: await response.json().catch(() => null),
        };
      }),
    );
    const wrong = outcomes.filter(({ expected, status }) => expected !== status);
    console.info(
      `forged tokens: ${outcomes.length} tried, ${outcomes.length - wrong.length} refused as expected, ` +
        `${invocations - before} reached a function, ${outcomes.filter(({ status }) => status >= 500).length} 5xx`,
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    expect(wrong).toEqual([]);
    for (const { status, body } of outcomes.filter(({ status }) => status !== 431))
      expect(body).toEqual({ message: status === 403 ? 'Forbidden' : 'Unauthorized' });
    expect(invocations).toBe(before);
  });
});
