import { describe, expect, it } from 'vitest';
import { InMemoryUsers } from '../../../../functions/users/adapters/in-memory-users.js';
import { EmailTakenError, InvalidCredentialsError } from '../../../../functions/users/domain/errors.js';
import type { UsersDependencies } from '../../../../functions/users/use-cases/ports.js';
import { getProfile, updateProfile } from '../../../../functions/users/use-cases/profile.js';
import { logIn, refreshTokens } from '../../../../functions/users/use-cases/sessions.js';
import { confirmSignUp, signUp } from '../../../../functions/users/use-cases/sign-up.js';

const setUp = () => {
  const users = new InMemoryUsers();
  const deps: UsersDependencies = {
    identity: users.identity,
    profiles: users.profileStore,
    openOrders: async () => false,
    releaseUnconfirmedSignUp: (email) => users.identity.releaseUnconfirmed(email),
    clock: () => new Date('2026-11-22T10:00:00Z'),
  };
  return { users, deps };
};

const ann = { email: 'ann@example.com', password: 'long enough', name: 'Ann' };

describe('signUp', () => {
  it('creates the account and its profile, and publishes UserRegistered once', async () => {
    const { users, deps } = setUp();
    const { userId, confirmationRequired } = await signUp(deps, ann);
    expect(confirmationRequired).toBe(false);
    expect(await getProfile(deps, userId)).toEqual({
      userId,
      email: 'ann@example.com',
      name: 'Ann',
      createdAt: '2026-11-22T10:00:00.000Z',
    });
    expect(users.outbox.map((event) => event.detail.data)).toEqual([
      { userId, email: 'ann@example.com', name: 'Ann' },
    ]);
    await expect(signUp(deps, ann)).rejects.toThrow(EmailTakenError);
    expect(users.outbox).toHaveLength(1);
  });

  it('fails when the profile cannot be stored, and a retried confirmation makes it (no identity is deleted)', async () => {
    const { users, deps } = setUp();
    const failing = {
      ...deps,
      profiles: { ...deps.profiles, create: async () => Promise.reject(new Error('table unavailable')) },
    };
    await expect(signUp(failing, ann)).rejects.toThrow('table unavailable');
    expect(users.accounts.size).toBe(1);
    // The identity is confirmed: signing up again is 409, and the release refuses to free it.
    await expect(signUp(deps, ann)).rejects.toThrow(EmailTakenError);
    await confirmSignUp(deps, ann.email, 'any code: it is confirmed already');
    expect(users.outbox.map((event) => event.detailType)).toEqual(['UserRegistered']);
  });
});

describe('sessions and profile', () => {
  it('logs in, refreshes, and renames', async () => {
    const { deps } = setUp();
    const { userId } = await signUp(deps, ann);
    const tokens = await logIn(deps, ann.email, ann.password);
    if ('challenge' in tokens) throw new Error('no MFA here');
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, refreshToken: expect.any(String) });
    expect((await refreshTokens(deps, tokens.refreshToken ?? '')).accessToken).toEqual(expect.any(String));
    expect((await updateProfile(deps, userId, 'Annie')).name).toBe('Annie');
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const { deps } = setUp();
    await signUp(deps, ann);
    const wrong = await logIn(deps, ann.email, 'wrong password').catch((error: unknown) => error);
    const unknown = await logIn(deps, 'nobody@example.com', 'whatever').catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(InvalidCredentialsError);
    expect(unknown).toBeInstanceOf(InvalidCredentialsError);
    expect((wrong as Error).message).toBe((unknown as Error).message);
  });
});
