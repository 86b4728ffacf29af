import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryUsers } from '../../../../functions/users/adapters/in-memory-users.js';
import { changePasswordHandler } from '../../../../functions/users/handlers/change-password.handler.js';
import { confirmSignUpHandler } from '../../../../functions/users/handlers/confirm-sign-up.handler.js';
import { deleteAccountHandler } from '../../../../functions/users/handlers/delete-account.handler.js';
import { forgotPasswordHandler } from '../../../../functions/users/handlers/forgot-password.handler.js';
import { getProfileHandler } from '../../../../functions/users/handlers/get-profile.handler.js';
import { getUserHandler } from '../../../../functions/users/handlers/get-user.handler.js';
import { logInHandler } from '../../../../functions/users/handlers/log-in.handler.js';
import { refreshTokensHandler } from '../../../../functions/users/handlers/refresh-tokens.handler.js';
import { resendCodeHandler } from '../../../../functions/users/handlers/resend-code.handler.js';
import { signUpHandler } from '../../../../functions/users/handlers/sign-up.handler.js';
import { updateProfileHandler } from '../../../../functions/users/handlers/update-profile.handler.js';
import type { UsersDependencies } from '../../../../functions/users/use-cases/ports.js';
import {
  adminClaims,
  customerClaims,
  httpEvent,
  lambdaContext,
  parseResponse,
} from '../../../support/api-gateway.js';

let users: InMemoryUsers;
let deps: () => UsersDependencies;

beforeEach(() => {
  users = new InMemoryUsers({ confirmAtOnce: false });
  const built: UsersDependencies = {
    identity: users.identity,
    profiles: users.profileStore,
    openOrders: async () => false,
    releaseUnconfirmedSignUp: (email) => users.identity.releaseUnconfirmed(email),
    clock: () => new Date('2026-11-22T10:00:00Z'),
  };
  deps = () => built;
});

const call = async (
  handler: ReturnType<typeof signUpHandler>,
  routeKey: string,
  options: Parameters<typeof httpEvent>[1],
) => parseResponse(await handler(httpEvent(routeKey, options), lambdaContext()));

const ann = { email: 'ann@example.com', password: 'long enough', name: 'Ann' };

describe('the users routes through their middleware', () => {
  it('signs up (201, confirmation required in the cloud), confirms (204) and logs in (200 tokens)', async () => {
    const signedUp = await call(signUpHandler(deps), 'POST /auth/signup', { body: ann });
    expect(signedUp).toMatchObject({
      status: 201,
      body: { userId: expect.any(String), confirmationRequired: true },
    });
    expect(
      (
        await call(logInHandler(deps), 'POST /auth/login', {
          body: { email: ann.email, password: ann.password },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await call(confirmSignUpHandler(deps), 'POST /auth/confirm', {
          body: { email: ann.email, code: '999999' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(confirmSignUpHandler(deps), 'POST /auth/confirm', {
          body: { email: ann.email, code: '123456' },
        })
      ).status,
    ).toBe(204);
    const login = await call(logInHandler(deps), 'POST /auth/login', {
      body: { email: ann.email, password: ann.password },
    });
    expect(login).toMatchObject({ status: 200, body: { tokenType: 'Bearer', expiresIn: 3600 } });
    const refreshed = await call(refreshTokensHandler(deps), 'POST /auth/refresh', {
      body: { refreshToken: (login.body as { refreshToken: string }).refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(
      (await call(refreshTokensHandler(deps), 'POST /auth/refresh', { body: { refreshToken: 'forged' } }))
        .status,
    ).toBe(401);
  });

  it('answers 409 problem+json to an email taken by a confirmed account', async () => {
    await call(signUpHandler(deps), 'POST /auth/signup', { body: ann });
    await call(confirmSignUpHandler(deps), 'POST /auth/confirm', {
      body: { email: ann.email, code: '123456' },
    });
    const again = await call(signUpHandler(deps), 'POST /auth/signup', {
      body: { ...ann, email: 'ANN@example.com' },
    });
    expect(again).toMatchObject({ status: 409, headers: { 'content-type': 'application/problem+json' } });
  });

  it('never echoes the password in an error', async () => {
    const response = await call(signUpHandler(deps), 'POST /auth/signup', {
      body: { ...ann, password: 'short' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toContain('short');
  });

  it('reads and renames the profile of the token owner only', async () => {
    const { userId } = (await call(signUpHandler(deps), 'POST /auth/signup', { body: ann })).body as {
      userId: string;
    };
    await call(confirmSignUpHandler(deps), 'POST /auth/confirm', {
      body: { email: ann.email, code: '123456' },
    });
    const me = await call(getProfileHandler(deps), 'GET /me', { claims: customerClaims(userId) });
    expect(me.body).toMatchObject({ userId, email: ann.email, name: 'Ann' });
    const renamed = await call(updateProfileHandler(deps), 'PATCH /me', {
      claims: customerClaims(userId),
      body: { name: 'Annie' },
    });
    expect(renamed.body).toMatchObject({ name: 'Annie' });
    const spoof = await call(updateProfileHandler(deps), 'PATCH /me', {
      claims: customerClaims(userId),
      body: { name: 'X Y', userId: 'someone-else' },
    });
    expect(spoof.status).toBe(400);
    expect(
      (await call(getProfileHandler(deps), 'GET /me', { claims: customerClaims('nobody') })).status,
    ).toBe(404);
  });

  it('deletes the account (204), after which its token opens nothing (401 account-deleted)', async () => {
    const { userId } = (await call(signUpHandler(deps), 'POST /auth/signup', { body: ann })).body as {
      userId: string;
    };
    await call(confirmSignUpHandler(deps), 'POST /auth/confirm', {
      body: { email: ann.email, code: '123456' },
    });
    const deleted = await call(deleteAccountHandler(deps), 'DELETE /me', { claims: customerClaims(userId) });
    expect(deleted.status).toBe(204);
    const me = await call(getProfileHandler(deps), 'GET /me', { claims: customerClaims(userId) });
    expect(me).toMatchObject({ status: 401, body: { type: expect.stringMatching(/account-deleted$/) } });
    const admin = await call(getUserHandler(deps), 'GET /users/{userId}', {
      claims: adminClaims(),
      pathParameters: { userId },
    });
    expect(admin.status).toBe(404);
  });

  it('answers 409 to a deletion while an order is open', async () => {
    const withOpen = () => ({ ...deps(), openOrders: async () => true });
    const deleted = await call(deleteAccountHandler(withOpen), 'DELETE /me', {
      claims: customerClaims('u-1'),
    });
    expect(deleted).toMatchObject({ status: 409, body: { type: expect.stringMatching(/open-orders$/) } });
  });

  it('answers resend and forgot with 204 whatever the email, sending only what the account calls for', async () => {
    await call(signUpHandler(deps), 'POST /auth/signup', { body: ann });
    users.sent.length = 0;
    for (const email of [ann.email, 'nobody@example.com']) {
      for (const [handler, key] of [
        [resendCodeHandler, 'POST /auth/resend-code'],
        [forgotPasswordHandler, 'POST /auth/password/forgot'],
      ] as const) {
        expect((await call(handler(deps), key, { body: { email } })).status).toBe(204);
      }
    }
    // Ann is unconfirmed: a new confirmation code, and no reset code; nobody gets nothing.
    expect(users.sent).toEqual([{ email: ann.email, purpose: 'confirm' }]);
  });

  it('needs the bearer token for the identity provider’s own calls (change password, TOTP)', async () => {
    const response = await call(changePasswordHandler(deps), 'POST /me/password', {
      claims: customerClaims('u-1'),
      body: { currentPassword: 'long enough', newPassword: 'longer enough' },
    });
    expect(response.status).toBe(400);
  });
});
