import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  claimsAsApiGatewayGivesThem,
  JwtAuthorizer,
  wwwAuthenticate,
} from '../../../../local/http-api/jwt-authorizer.js';

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test';
const CLIENT = 'client-123';
const SCOPE = 'aws.cognito.signin.user.admin';
const config = { issuer: ISSUER, audience: [CLIENT], headerName: 'authorization' };
const now = new Date('2026-11-22T10:00:00Z');
const seconds = Math.floor(now.getTime() / 1000);

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

let signingKey: PrivateKey;
let publicJwk: JWK;
let authorizer: JwtAuthorizer;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256' };
  authorizer = new JwtAuthorizer(new Map([[ISSUER, { keys: [publicJwk] }]]));
});

const accessClaims = {
  sub: 'user-1',
  client_id: CLIENT,
  token_use: 'access',
  scope: SCOPE,
  'cognito:groups': ['admin', 'staff'],
};

const token = (
  claims: Record<string, unknown> = accessClaims,
  options: { key?: PrivateKey; kid?: string; iat?: number; exp?: number; iss?: string } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
    .setIssuer(options.iss ?? ISSUER)
    .setIssuedAt(options.iat ?? seconds - 60)
    .setExpirationTime(options.exp ?? seconds + 3600)
    .sign(options.key ?? signingKey);

const authorize = (authorization: string | undefined, scopes: string[] = [SCOPE]) =>
  authorizer.authorize(authorization === undefined ? {} : { authorization }, config, scopes, now);

describe('JwtAuthorizer', () => {
  it('accepts a valid access token and hands over its claims and scopes', async () => {
    const outcome = await authorize(`Bearer ${await token()}`);
    expect(outcome).toMatchObject({
      ok: true,
      scopes: [SCOPE],
      claims: { sub: 'user-1', 'cognito:groups': '[admin staff]' },
    });
  });

  it('accepts the token without the Bearer prefix', async () => {
    expect((await authorize(await token())).ok).toBe(true);
  });

  it('accepts an ID token by its aud when the route requires no scope', async () => {
    const id = await token({ sub: 'user-1', aud: CLIENT, token_use: 'id' });
    expect((await authorize(`Bearer ${id}`, [])).ok).toBe(true);
  });

  const refusals: [string, () => Promise<string | undefined>, 401 | 403][] = [
    ['no token', async () => undefined, 401],
    ['an empty header', async () => '', 401],
    ['an empty bearer', async () => 'Bearer ', 401],
    ['a malformed token', async () => 'Bearer abc', 401],
    ['two segments', async () => `Bearer ${(await token()).split('.').slice(0, 2).join('.')}`, 401],
    [
      'alg none',
      async () => {
        const [, payload] = (await token()).split('.');
        return `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
      },
      401,
    ],
    [
      'alg NONE',
      async () => {
        const [, payload] = (await token()).split('.');
        return `Bearer ${Buffer.from('{"alg":"NONE"}').toString('base64url')}.${payload}.`;
      },
      401,
    ],
    [
      'HS256 signed with the public key',
      async () =>
        `Bearer ${await new SignJWT(accessClaims)
          .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
          .setIssuer(ISSUER)
          .setExpirationTime(seconds + 60)
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk)))}`,
      401,
    ],
    ['an unknown kid', async () => `Bearer ${await token(accessClaims, { kid: 'key-2' })}`, 401],
    [
      // API Gateway: the token must have a kid header matching a key of the issuer's JWKS.
      'no kid, though signed by the right key',
      async () =>
        `Bearer ${await new SignJWT(accessClaims)
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer(ISSUER)
          .setIssuedAt(seconds - 60)
          .setExpirationTime(seconds + 3600)
          .sign(signingKey)}`,
      401,
    ],
    [
      "an attacker's key with the right kid",
      async () => `Bearer ${await token(accessClaims, { key: (await generateKeyPair('RS256')).privateKey })}`,
      401,
    ],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await token()).split('.');
        const payload = Buffer.from(
          JSON.stringify({ ...accessClaims, sub: 'someone-else', iss: ISSUER, exp: seconds + 60 }),
        ).toString('base64url');
        return `Bearer ${header}.${payload}.${signature}`;
      },
      401,
    ],
    [
      'a tampered signature',
      async () => {
        const value = await token();
        return `Bearer ${value.slice(0, -4)}${value.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      },
      401,
    ],
    ['an expired token', async () => `Bearer ${await token(accessClaims, { exp: seconds - 1 })}`, 401],
    [
      'a token not valid yet',
      async () => `Bearer ${await token({ ...accessClaims, nbf: seconds + 600 })}`,
      401,
    ],
    [
      'a token issued in the future',
      async () => `Bearer ${await token(accessClaims, { iat: seconds + 600 })}`,
      401,
    ],
    [
      'another issuer',
      async () => `Bearer ${await token(accessClaims, { iss: 'https://evil.example.com' })}`,
      401,
    ],
    [
      'another audience',
      async () => `Bearer ${await token({ ...accessClaims, client_id: 'other-client' })}`,
      401,
    ],
    [
      'an aud that is not ours even with our client_id',
      async () => `Bearer ${await token({ ...accessClaims, aud: 'other' })}`,
      401,
    ],
    ['a wrong scheme', async () => `Basic ${Buffer.from('a:b').toString('base64')}`, 401],
    [
      'a very long token',
      async () => `Bearer ${'a'.repeat(20_000)}.${'b'.repeat(20_000)}.${'c'.repeat(20_000)}`,
      401,
    ],
    [
      'an ID token on a route that needs the access scope',
      async () => `Bearer ${await token({ sub: 'u', aud: CLIENT, token_use: 'id' })}`,
      403,
    ],
  ];

  it.each(refusals)('refuses %s', async (_, build, status) => {
    expect(await authorize(await build())).toMatchObject({ ok: false, status });
  });

  it('refuses a token without exp', async () => {
    const noExpiry = await new SignJWT(accessClaims)
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setIssuer(ISSUER)
      .setIssuedAt(seconds - 60)
      .sign(signingKey);
    expect(await authorize(`Bearer ${noExpiry}`)).toMatchObject({ ok: false, status: 401 });
  });

  it('compares the issuer exactly: a trailing slash is another issuer', async () => {
    expect(await authorize(`Bearer ${await token(accessClaims, { iss: `${ISSUER}/` })}`)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it('accepts an aud list holding our audience, and evaluates aud before client_id', async () => {
    expect((await authorize(`Bearer ${await token({ sub: 'u', aud: ['x', CLIENT] })}`, [])).ok).toBe(true);
    expect((await authorize(`Bearer ${await token({ sub: 'u', aud: 'x', client_id: CLIENT })}`, [])).ok).toBe(
      false,
    );
  });

  it('needs one of the route scopes among several the token holds, in scope or scp', async () => {
    const several = await token({ ...accessClaims, scope: `openid ${SCOPE} email` });
    expect((await authorize(`Bearer ${several}`, ['other', SCOPE])).ok).toBe(true);
    const scp = await token({ sub: 'u', client_id: CLIENT, scp: ['openid', SCOPE] });
    expect((await authorize(`Bearer ${scp}`)).ok).toBe(true);
    expect((await authorize(`Bearer ${scp}`, ['shop/admin'])).ok).toBe(false);
  });

  it('says why in www-authenticate, as API Gateway does', async () => {
    const audience = await authorize(`Bearer ${await token({ ...accessClaims, client_id: 'other' })}`);
    const expired = await authorize(`Bearer ${await token(accessClaims, { exp: seconds - 1 })}`);
    const scope = await authorize(`Bearer ${await token()}`, ['shop/admin']);
    if (audience.ok || expired.ok || scope.ok) throw new Error('expected refusals');
    expect(wwwAuthenticate(audience, [SCOPE])).toBe(
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
    );
    expect(wwwAuthenticate(expired, [SCOPE])).toContain('error_description="the token has expired"');
    expect(wwwAuthenticate(scope, ['shop/admin'])).toBe(
      'Bearer scope="shop/admin" error="insufficient_scope" error_description="the token does not have a required scope"',
    );
  });
});

describe('claimsAsApiGatewayGivesThem', () => {
  it('hands over every claim as a string, arrays in brackets', () => {
    expect(claimsAsApiGatewayGivesThem({ exp: 1, groups: ['a', 'b'], verified: true, name: 'x' })).toEqual({
      exp: '1',
      groups: '[a b]',
      verified: 'true',
      name: 'x',
    });
  });
});
