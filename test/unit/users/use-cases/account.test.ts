import { describe, expect, it } from 'vitest';
import { AccountDeletedError } from '../../../../functions/shared/errors.js';
import { IN_MEMORY_CODE, InMemoryUsers } from '../../../../functions/users/adapters/in-memory-users.js';
import {
  EmailTakenError,
  OpenOrdersError,
  UserNotFoundError,
} from '../../../../functions/users/domain/errors.js';
import { deleteAccount } from '../../../../functions/users/use-cases/account.js';
import { disableMfa, enableTotp, startTotp } from '../../../../functions/users/use-cases/mfa.js';
import type { UsersDependencies } from '../../../../functions/users/use-cases/ports.js';
import { getProfile, getUser } from '../../../../functions/users/use-cases/profile.js';
import { answerMfaChallenge, logIn } from '../../../../functions/users/use-cases/sessions.js';
import {
  confirmSignUp,
  purgeUnconfirmedSignUps,
  signUp,
} from '../../../../functions/users/use-cases/sign-up.js';

const setUp = (open = false) => {
  const users = new InMemoryUsers({ confirmAtOnce: false });
  let now = new Date('2026-12-06T10:00:00Z');
  const deps: UsersDependencies = {
    identity: users.identity,
    profiles: users.profileStore,
    openOrders: async () => open,
    releaseUnconfirmedSignUp: (email) => users.identity.releaseUnconfirmed(email),
    clock: () => now,
  };
  return { users, deps, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
};

const ann = { email: 'ann@example.com', password: 'long enough', name: 'Ann' };
const detailTypes = (users: InMemoryUsers) => users.outbox.map((event) => event.detailType);

describe('confirmation first', () => {
  it('creates nothing but the identity until the email is confirmed', async () => {
    const { users, deps } = setUp();
    const { userId, confirmationRequired } = await signUp(deps, ann);
    expect(confirmationRequired).toBe(true);
    expect(users.profiles.size).toBe(0);
    expect(users.outbox).toEqual([]);
    await confirmSignUp(deps, ann.email, IN_MEMORY_CODE);
    expect(await getProfile(deps, userId)).toMatchObject({ userId, email: ann.email, name: 'Ann' });
    expect(detailTypes(users)).toEqual(['UserRegistered']);
  });

  it('lets the same email sign up again while unconfirmed, and only once confirmed refuses it', async () => {
    const { deps } = setUp();
    const first = await signUp(deps, { ...ann, name: 'Not Ann' });
    const second = await signUp(deps, ann);
    expect(second.userId).not.toBe(first.userId);
    await confirmSignUp(deps, ann.email, IN_MEMORY_CODE);
    expect(await getProfile(deps, second.userId)).toMatchObject({ name: 'Ann' });
    await expect(signUp(deps, ann)).rejects.toBeInstanceOf(EmailTakenError);
  });

  it('completes a confirmation retried after its profile could not be stored, publishing once', async () => {
    const { users, deps } = setUp();
    const { userId } = await signUp(deps, ann);
    const failing = {
      ...deps,
      profiles: { ...deps.profiles, create: async () => Promise.reject(new Error('table unavailable')) },
    };
    await expect(confirmSignUp(failing, ann.email, IN_MEMORY_CODE)).rejects.toThrow('table unavailable');
    // The identity is confirmed now; the retry (any code: the status decides) makes the profile.
    await confirmSignUp(deps, ann.email, 'whatever');
    await confirmSignUp(deps, ann.email, 'whatever');
    expect(await getProfile(deps, userId)).toMatchObject({ userId });
    expect(detailTypes(users)).toEqual(['UserRegistered']);
  });

  it('purges identities left unconfirmed for a day, not younger ones nor confirmed ones', async () => {
    const { users, deps, advance } = setUp();
    await signUp(deps, ann);
    await signUp(deps, { ...ann, email: 'bob@example.com' });
    await confirmSignUp(deps, 'bob@example.com', IN_MEMORY_CODE);
    for (const account of users.accounts.values()) account.createdAt = new Date('2026-12-06T10:00:00Z');
    advance(23 * 3600_000);
    expect(await purgeUnconfirmedSignUps(deps)).toBe(0);
    advance(2 * 3600_000);
    expect(await purgeUnconfirmedSignUps(deps)).toBe(1);
    expect([...users.accounts.keys()]).toEqual(['bob@example.com']);
  });
});

describe('TOTP', () => {
  it('turns on with a verified code, then signs in through the challenge, and turns off', async () => {
    const { deps } = setUp();
    await signUp(deps, ann);
    await confirmSignUp(deps, ann.email, IN_MEMORY_CODE);
    const tokens = await logIn(deps, ann.email, ann.password);
    if (!('accessToken' in tokens)) throw new Error('expected tokens');
    const { secret, otpauthUri } = await startTotp(deps, tokens.accessToken);
    expect(otpauthUri).toBe(
      `otpauth://totp/serverless-shop:ann%40example.com?secret=${secret}&issuer=serverless-shop&algorithm=SHA1&digits=6&period=30`,
    );
    await enableTotp(deps, tokens.accessToken, IN_MEMORY_CODE);
    const challenge = await logIn(deps, ann.email, ann.password);
    expect(challenge).toEqual({ challenge: 'MFA_REQUIRED', session: expect.any(String) });
    if (!('session' in challenge)) throw new Error('expected a challenge');
    expect(await answerMfaChallenge(deps, ann.email, challenge.session, IN_MEMORY_CODE)).toMatchObject({
      accessToken: expect.any(String),
    });
    await disableMfa(deps, tokens.accessToken);
    expect(await logIn(deps, ann.email, ann.password)).toMatchObject({ accessToken: expect.any(String) });
  });
});

describe('deleteAccount', () => {
  it('refuses while an order is open, and changes nothing', async () => {
    const { users, deps } = setUp(true);
    const { userId } = await signUp(deps, ann);
    await confirmSignUp(deps, ann.email, IN_MEMORY_CODE);
    await expect(deleteAccount(deps, userId)).rejects.toBeInstanceOf(OpenOrdersError);
    expect(users.accounts.size).toBe(1);
    expect(await getProfile(deps, userId)).toMatchObject({ userId });
  });

  it('deletes profile and identity, publishes UserDeleted once, and frees the email', async () => {
    const { users, deps } = setUp();
    const { userId } = await signUp(deps, ann);
    await confirmSignUp(deps, ann.email, IN_MEMORY_CODE);
    await deleteAccount(deps, userId);
    await deleteAccount(deps, userId);
    expect(detailTypes(users)).toEqual(['UserRegistered', 'UserDeleted']);
    expect(users.outbox[1]?.detail.data).toEqual({ userId });
    await expect(getProfile(deps, userId)).rejects.toBeInstanceOf(AccountDeletedError);
    await expect(getUser(deps, userId)).rejects.toBeInstanceOf(UserNotFoundError);
    expect(users.accounts.size).toBe(0);
    const again = await signUp(deps, ann);
    expect(again.userId).not.toBe(userId);
  });
});
