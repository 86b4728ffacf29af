import { describe, expect, it } from 'vitest';
import {
  api,
  emailedCode,
  eventually,
  inspect,
  signUpConfirmed,
  uniqueEmail,
} from '../support/local-cloud-client.js';

describe('users on the local cloud', () => {
  it('signs up, logs in, reads and renames the profile, and refreshes the tokens', async () => {
    const email = uniqueEmail();
    const signedUp = await api('/auth/signup', {
      method: 'POST',
      body: { email, password: 'a good password', name: 'Ada Shopper' },
    });
    expect(signedUp).toMatchObject({
      status: 201,
      body: { userId: expect.any(String), confirmationRequired: true },
    });
    const { userId } = signedUp.body as { userId: string };

    const code = await emailedCode(email);
    expect((await api('/auth/confirm', { method: 'POST', body: { email, code } })).status).toBe(204);

    const login = await api('/auth/login', { method: 'POST', body: { email, password: 'a good password' } });
    expect(login).toMatchObject({
      status: 200,
      body: {
        accessToken: expect.any(String),
        idToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 3600,
        tokenType: 'Bearer',
      },
    });
    const tokens = login.body as { accessToken: string; refreshToken: string };

    expect((await api('/me', { token: tokens.accessToken })).body).toEqual({
      userId,
      email,
      name: 'Ada Shopper',
      createdAt: expect.any(String),
    });
    const renamed = await api('/me', {
      method: 'PATCH',
      token: tokens.accessToken,
      body: { name: 'Ada L.' },
    });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Ada L.' } });

    const refreshed = await api('/auth/refresh', {
      method: 'POST',
      body: { refreshToken: tokens.refreshToken },
    });
    expect(refreshed).toMatchObject({
      status: 200,
      body: { accessToken: expect.any(String), tokenType: 'Bearer' },
    });
    expect(
      (await api('/me', { token: (refreshed.body as { accessToken: string }).accessToken })).status,
    ).toBe(200);

    const registered = await eventually(async () =>
      (await inspect<{ 'detail-type': string; detail: { data: { userId: string } } }[]>('events'))
        .filter((event) => event['detail-type'] === 'UserRegistered' && event.detail.data.userId === userId)
        .at(0),
    );
    expect(registered.detail.data).toEqual({ userId, email, name: 'Ada Shopper' });
  });

  it('answers 409 when the email is taken by a confirmed account', async () => {
    const email = uniqueEmail();
    await signUpConfirmed(email, 'a good password', 'First');
    const again = await api('/auth/signup', {
      method: 'POST',
      body: { email: email.toUpperCase(), password: 'another password', name: 'Second' },
    });
    expect(again).toMatchObject({
      status: 409,
      body: { type: 'https://serverless-shop.dev/problems/email-taken' },
    });
  });

  it('gives no hint whether an email exists: a wrong password and an unknown email get the same 401', async () => {
    const email = uniqueEmail();
    await api('/auth/signup', {
      method: 'POST',
      body: { email, password: 'a good password', name: 'Someone' },
    });
    const wrong = await api('/auth/login', { method: 'POST', body: { email, password: 'not the password' } });
    const unknown = await api('/auth/login', {
      method: 'POST',
      body: { email: uniqueEmail(), password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it.each([
    ['a short password', { email: 'x@example.com', password: 'short', name: 'Some One' }, '#/password'],
    ['a bad email', { email: 'not-an-email', password: 'long enough', name: 'Some One' }, '#/email'],
    ['a one-letter name', { email: 'x@example.com', password: 'long enough', name: 'X' }, '#/name'],
    [
      'an extra property',
      { email: 'x@example.com', password: 'long enough', name: 'Some One', groups: ['admin'] },
      '#/groups',
    ],
  ])('answers 400 to %s', async (_, body, pointer) => {
    const response = await api('/auth/signup', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(
      (response.body as { errors: { pointer: string }[] }).errors.map((error) => error.pointer),
    ).toContain(pointer);
  });

  it('answers 401 to /me without a token', async () => {
    expect((await api('/me')).status).toBe(401);
  });
});

describe('the seeded admin', () => {
  it('has a profile like any user', async () => {
    const { adminTokens } = await import('../support/local-cloud-client.js');
    const { AccessToken } = await adminTokens();
    expect((await api('/me', { token: AccessToken })).body).toMatchObject({ name: 'Shop Admin' });
  });
});
