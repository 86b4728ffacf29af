import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { totp } from '../../local/identity/totp.js';
import {
  adminTokens,
  api,
  codesSent,
  emailedCode,
  eventually,
  inspect,
  signUpConfirmed,
  uniqueEmail,
} from '../support/local-cloud-client.js';
import {
  address,
  placeOrder,
  productWithStock,
  reconciledShop,
  settledOrder,
  tablesClient,
} from '../support/orders.js';

const PASSWORD = 'a good password';

const logIn = async (email: string, password = PASSWORD) =>
  api('/auth/login', { method: 'POST', body: { email, password } });

const tokensOf = async (email: string, password = PASSWORD) => {
  const login = await logIn(email, password);
  if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.text}`);
  return login.body as { accessToken: string; refreshToken: string };
};

const refresh = (refreshToken: string) => api('/auth/refresh', { method: 'POST', body: { refreshToken } });

const published = async (detailType: string, userId: string) =>
  (await inspect<{ 'detail-type': string; detail: { data: { userId?: string } } }[]>('events')).filter(
    (event) => event['detail-type'] === detailType && event.detail.data.userId === userId,
  );

describe('sign-up, confirmation first', () => {
  it('leaves nothing but the identity until the email is confirmed; the same email signs up again and confirms', async () => {
    const email = uniqueEmail();
    const first = await api('/auth/signup', {
      method: 'POST',
      body: { email, password: 'the typo’s password', name: 'Not The Owner' },
    });
    expect(first).toMatchObject({ status: 201, body: { confirmationRequired: true } });
    const firstId = (first.body as { userId: string }).userId;
    await emailedCode(email);
    // Unconfirmed: no sign-in, no profile, no UserRegistered, no welcome.
    expect((await logIn(email, 'the typo’s password')).status).toBe(401);
    expect(await published('UserRegistered', firstId)).toEqual([]);

    // The email's owner signs up with it: the code comes again, and their password and name hold.
    const second = await api('/auth/signup', {
      method: 'POST',
      body: { email, password: PASSWORD, name: 'Owner' },
    });
    expect(second.status).toBe(201);
    const userId = (second.body as { userId: string }).userId;
    expect(await codesSent(email, 'CONFIRM_SIGN_UP')).toBe(2);
    const code = await emailedCode(email, 'CONFIRM_SIGN_UP', 1);
    expect((await api('/auth/confirm', { method: 'POST', body: { email, code } })).status).toBe(204);
    // A retried confirmation is no error, and registers nobody twice.
    expect((await api('/auth/confirm', { method: 'POST', body: { email, code } })).status).toBe(204);

    expect((await logIn(email, 'the typo’s password')).status).toBe(401);
    const { accessToken } = await tokensOf(email);
    expect((await api('/me', { token: accessToken })).body).toMatchObject({ userId, name: 'Owner' });
    await eventually(async () => ((await published('UserRegistered', userId)).length > 0 ? true : undefined));
    expect(await published('UserRegistered', userId)).toHaveLength(1);
    expect(await published('UserRegistered', firstId)).toEqual([]);
    const notifications = await eventually(async () => {
      const { items } = (await api('/notifications', { token: accessToken })).body as {
        items: { type: string }[];
      };
      return items.length > 0 ? items : undefined;
    });
    expect(notifications.map((item) => item.type)).toEqual(['WELCOME']);
  });

  it('answers resend-code and forgot-password with 204 whether or not the account exists', async () => {
    const email = uniqueEmail();
    await api('/auth/signup', { method: 'POST', body: { email, password: PASSWORD, name: 'Resend Me' } });
    await emailedCode(email);
    const unknown = uniqueEmail('nobody');
    for (const path of ['/auth/resend-code', '/auth/password/forgot']) {
      const known = await api(path, { method: 'POST', body: { email } });
      const stranger = await api(path, { method: 'POST', body: { email: unknown } });
      expect([known.status, stranger.status], path).toEqual([204, 204]);
      expect(known.text).toBe(stranger.text);
    }
    expect(await codesSent(email, 'CONFIRM_SIGN_UP')).toBe(2);
    expect(await codesSent(unknown, 'CONFIRM_SIGN_UP')).toBe(0);
  });

  it('stops guessing: after five wrong codes the sixth attempt is 429 with Retry-After, even with the right code', async () => {
    const email = uniqueEmail();
    await api('/auth/signup', { method: 'POST', body: { email, password: PASSWORD, name: 'Guessed At' } });
    const code = await emailedCode(email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await api('/auth/confirm', { method: 'POST', body: { email, code: wrong } })).status).toBe(400);
    const limited = await api('/auth/confirm', { method: 'POST', body: { email, code } });
    expect(limited).toMatchObject({
      status: 429,
      body: { type: expect.stringMatching(/too-many-attempts$/) },
    });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // A new code starts over.
    await api('/auth/resend-code', { method: 'POST', body: { email } });
    const fresh = await emailedCode(email, 'CONFIRM_SIGN_UP', 1);
    expect((await api('/auth/confirm', { method: 'POST', body: { email, code: fresh } })).status).toBe(204);
  });

  it('refuses what Cognito refuses with a 400, never a 500', async () => {
    const spaced = await api('/auth/signup', {
      method: 'POST',
      body: { email: uniqueEmail(), password: ' leading space', name: 'Space Cadet' },
    });
    expect(spaced.status).toBe(400);
    const long = await api('/auth/signup', {
      method: 'POST',
      body: { email: `${'a'.repeat(120)}@example.com`, password: PASSWORD, name: 'Long Name' },
    });
    expect(long).toMatchObject({
      status: 400,
      body: { type: expect.stringMatching(/identity-input-rejected$/) },
    });
  });
});

describe('passwords and sessions', () => {
  it('resets a forgotten password with its code, and ends every session of the account', async () => {
    const email = uniqueEmail();
    await signUpConfirmed(email, PASSWORD, 'Forgetful');
    const before = await tokensOf(email);
    expect((await api('/auth/password/forgot', { method: 'POST', body: { email } })).status).toBe(204);
    const code = await emailedCode(email, 'FORGOT_PASSWORD');
    const wrong = await api('/auth/password/reset', {
      method: 'POST',
      body: { email, code: code === '000000' ? '111111' : '000000', newPassword: 'a brand new one' },
    });
    expect(wrong).toMatchObject({
      status: 400,
      body: { type: expect.stringMatching(/invalid-reset-code$/) },
    });
    const reset = await api('/auth/password/reset', {
      method: 'POST',
      body: { email, code, newPassword: 'a brand new one' },
    });
    expect(reset.status).toBe(204);
    expect((await logIn(email)).status).toBe(401);
    expect((await logIn(email, 'a brand new one')).status).toBe(200);
    expect((await refresh(before.refreshToken)).status).toBe(401);
  });

  it('changes the password with the current one (401 with a wrong one)', async () => {
    const email = uniqueEmail();
    await signUpConfirmed(email, PASSWORD, 'Changer');
    const { accessToken } = await tokensOf(email);
    const wrong = await api('/me/password', {
      method: 'POST',
      token: accessToken,
      body: { currentPassword: 'not it at all', newPassword: 'the next password' },
    });
    expect(wrong.status).toBe(401);
    const changed = await api('/me/password', {
      method: 'POST',
      token: accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'the next password' },
    });
    expect(changed.status).toBe(204);
    expect((await logIn(email)).status).toBe(401);
    expect((await logIn(email, 'the next password')).status).toBe(200);
  });

  it('logs out: the refresh token no longer works, and logging out again is no error', async () => {
    const email = uniqueEmail();
    await signUpConfirmed(email, PASSWORD, 'Leaver');
    const { refreshToken } = await tokensOf(email);
    expect((await refresh(refreshToken)).status).toBe(200);
    expect((await api('/auth/logout', { method: 'POST', body: { refreshToken } })).status).toBe(204);
    expect(await refresh(refreshToken)).toMatchObject({
      status: 401,
      body: { type: expect.stringMatching(/invalid-refresh-token$/) },
    });
    expect((await api('/auth/logout', { method: 'POST', body: { refreshToken } })).status).toBe(204);
  });
});

describe('TOTP', () => {
  it('turns on with a verified code; the login is then a challenge only a current code answers; it turns off', async () => {
    const email = uniqueEmail();
    await signUpConfirmed(email, PASSWORD, 'Careful Admin');
    const { accessToken } = await tokensOf(email);
    const started = await api('/me/mfa/totp', { method: 'POST', token: accessToken });
    expect(started).toMatchObject({
      status: 200,
      body: {
        secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
        otpauthUri: expect.stringContaining(`otpauth://totp/serverless-shop:${encodeURIComponent(email)}?`),
      },
    });
    const { secret } = started.body as { secret: string };
    const stale = totp(secret, new Date(Date.now() - 5 * 60_000));
    const refused = await api('/me/mfa/totp/verify', {
      method: 'POST',
      token: accessToken,
      body: { code: stale },
    });
    expect(refused).toMatchObject({
      status: 400,
      body: { type: expect.stringMatching(/invalid-mfa-code$/) },
    });
    const verified = await api('/me/mfa/totp/verify', {
      method: 'POST',
      token: accessToken,
      body: { code: totp(secret) },
    });
    expect(verified.status).toBe(204);

    const challenge = await logIn(email);
    expect(challenge).toMatchObject({
      status: 200,
      body: { challenge: 'MFA_REQUIRED', session: expect.any(String) },
    });
    const { session } = challenge.body as { session: string };
    const wrong = await api('/auth/mfa', { method: 'POST', body: { email, session, code: stale } });
    expect(wrong.status).toBe(401);
    const answered = await api('/auth/mfa', { method: 'POST', body: { email, session, code: totp(secret) } });
    expect(answered).toMatchObject({
      status: 200,
      body: { accessToken: expect.any(String), tokenType: 'Bearer' },
    });
    const mfaToken = (answered.body as { accessToken: string }).accessToken;
    expect((await api('/me', { token: mfaToken })).status).toBe(200);

    expect((await api('/me/mfa', { method: 'DELETE', token: mfaToken })).status).toBe(204);
    expect((await logIn(email)).body).toMatchObject({ accessToken: expect.any(String) });
  });
});

describe('account deletion', () => {
  it('waits for open orders, then deletes identity, profile, cart and notifications, and anonymizes the orders', async () => {
    const email = uniqueEmail();
    const userId = await signUpConfirmed(email, PASSWORD, 'Departing Customer');
    const { accessToken, refreshToken } = await tokensOf(email);
    const sku = await productWithStock(3);
    const { orderId } = await placeOrder(accessToken, [{ sku, quantity: 1 }]);
    expect((await settledOrder(accessToken, orderId)).status).toBe('CONFIRMED');
    await api(`/cart/items/${sku}`, { method: 'PUT', token: accessToken, body: { quantity: 1 } });

    const refused = await api('/me', { method: 'DELETE', token: accessToken });
    expect(refused).toMatchObject({ status: 409, body: { type: expect.stringMatching(/open-orders$/) } });
    expect((await api('/me', { token: accessToken })).status).toBe(200);

    expect((await api(`/orders/${orderId}/cancel`, { method: 'POST', token: accessToken })).status).toBe(202);
    await eventually(async () =>
      ((await api(`/orders/${orderId}`, { token: accessToken })).body as { status: string }).status ===
      'CANCELLED'
        ? true
        : undefined,
    );
    expect((await api('/me', { method: 'DELETE', token: accessToken })).status).toBe(204);

    // The token, still unexpired, opens nothing of the account; the refresh token and password are gone.
    expect(await api('/me', { token: accessToken })).toMatchObject({
      status: 401,
      body: { type: expect.stringMatching(/account-deleted$/) },
    });
    expect((await refresh(refreshToken)).status).toBe(401);
    expect((await logIn(email)).status).toBe(401);
    const { AccessToken: admin } = await adminTokens();
    expect((await api(`/users/${userId}`, { token: admin })).status).toBe(404);

    // The services act on UserDeleted: the order stays, anonymized; the cart and notifications go.
    const order = await eventually(async () => {
      const body = (await api(`/orders/${orderId}`, { token: admin })).body as {
        shippingAddress: { name: string; country: string };
      };
      return body.shippingAddress.name === '(deleted)' ? body : undefined;
    });
    expect(order.shippingAddress).toMatchObject({
      name: '(deleted)',
      line1: '(deleted)',
      country: expect.any(String),
    });
    const tables = inject('tables');
    const db = tablesClient();
    await eventually(async () => {
      const cart = await db.send(
        new GetCommand({ TableName: tables.CartTable ?? '', Key: { pk: `CART#${userId}`, sk: 'CART' } }),
      );
      const recipient = await db.send(
        new GetCommand({
          TableName: tables.NotificationsTable ?? '',
          Key: { pk: `RECIPIENT#${userId}`, sk: 'RECIPIENT' },
        }),
      );
      // The recipient is a mark that they are forgotten, with nothing personal left in it.
      return !cart.Item && recipient.Item?.forgottenAt && !recipient.Item.email ? true : undefined;
    });
    expect(await published('UserDeleted', userId)).toHaveLength(1);
    // Orders heard of it too: the still-unexpired token places nothing.
    const late = await api('/orders', {
      method: 'POST',
      token: accessToken,
      headers: { 'idempotency-key': `late-${userId}` },
      body: { items: [{ sku, quantity: 1 }], shippingAddress: address, paymentToken: 'tok_visa' },
    });
    expect(late).toMatchObject({ status: 401, body: { type: expect.stringMatching(/account-deleted$/) } });
    // The email is free again.
    expect(
      (await api('/auth/signup', { method: 'POST', body: { email, password: PASSWORD, name: 'Back Again' } }))
        .status,
    ).toBe(201);
    expect((await reconciledShop()).violations).toEqual([]);
  });

  it('lets admins read any profile and nobody else', async () => {
    const email = uniqueEmail();
    const userId = await signUpConfirmed(email, PASSWORD, 'Looked Up');
    const { AccessToken: admin } = await adminTokens();
    expect(await api(`/users/${userId}`, { token: admin })).toMatchObject({
      status: 200,
      body: { userId, email, name: 'Looked Up' },
    });
    expect((await api('/users/no-such-user', { token: admin })).status).toBe(404);
    const { accessToken } = await tokensOf(email);
    expect((await api(`/users/${userId}`, { token: accessToken })).status).toBe(403);
  });
});
