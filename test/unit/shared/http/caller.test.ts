import { describe, expect, it } from 'vitest';
import { MissingCallerError } from '../../../../functions/shared/errors.js';
import { callerOf, parseGroupsClaim, requireCaller } from '../../../../functions/shared/http/caller.js';
import { httpEvent } from '../../../support/api-gateway.js';

describe('parseGroupsClaim', () => {
  it.each([
    ['a real array', ['admin', 'customer'], ['admin', 'customer']],
    ["API Gateway's bracketed string", '[admin customer]', ['admin', 'customer']],
    ['a JSON array string', '["admin","customer"]', ['admin', 'customer']],
    ['a single group', 'admin', ['admin']],
    ['an empty bracketed string', '[]', []],
    ['no claim', undefined, []],
    ['a number', 42, []],
  ])('reads groups from %s', (_, claim, groups) => {
    expect(parseGroupsClaim(claim)).toEqual(groups);
  });
});

describe('callerOf', () => {
  it('takes the identity from the verified sub claim', () => {
    const caller = callerOf(httpEvent('GET /me', { claims: { sub: 'u-1', 'cognito:groups': '[admin]' } }));
    expect(caller).toEqual({ userId: 'u-1', groups: ['admin'], isAdmin: true });
  });

  it('sees no caller when the request carried no verified token', () => {
    expect(callerOf(httpEvent('GET /products'))).toBeUndefined();
  });

  it('refuses an ID token where an access token is needed', () => {
    expect(() => requireCaller(httpEvent('GET /me', { claims: { sub: 'u-1', token_use: 'id' } }))).toThrow(
      MissingCallerError,
    );
  });

  it('is not an admin without the admin group', () => {
    expect(
      callerOf(httpEvent('GET /me', { claims: { sub: 'u-1', 'cognito:groups': '[administrators]' } }))
        ?.isAdmin,
    ).toBe(false);
  });
});
