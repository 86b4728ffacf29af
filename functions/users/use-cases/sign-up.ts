import { UserRegistered } from '../contracts/events.js';
import type { SignUpInput } from '../contracts/schemas.js';
import { newProfile } from '../domain/profile.js';
import type { ConfirmedAccount, UsersDependencies } from './ports.js';

type Deps = Pick<UsersDependencies, 'identity' | 'profiles' | 'clock'>;

/**
 * The profile and UserRegistered of an identity whose email is confirmed.
 * Storing it again changes nothing, so a confirmation retried after a
 * failure here completes it.
 */
const register = async ({ profiles, clock }: Deps, account: ConfirmedAccount) => {
  const now = clock();
  const profile = newProfile(account.userId, account.email, account.name, now);
  await profiles.create(profile, [
    UserRegistered.create({ userId: profile.userId, email: profile.email, name: profile.name }, now),
  ]);
};

/**
 * Creates the identity. Until its email is confirmed nothing else exists:
 * no profile, no UserRegistered, no welcome message. Where the provider
 * confirms at once (the local cloud), the profile comes now; if it cannot be
 * stored, the identity is removed again, so a retry starts clean.
 */
export const signUp = async (deps: Deps, input: SignUpInput) => {
  const account = await deps.identity.signUp(input);
  if (!account.confirmationRequired) {
    try {
      await register(deps, { userId: account.userId, email: input.email, name: input.name });
    } catch (error) {
      await deps.identity.deleteIdentity(account.userId).catch(() => undefined);
      throw error;
    }
  }
  return { userId: account.userId, confirmationRequired: account.confirmationRequired };
};

/** Confirms the email; the profile and UserRegistered come now (again harmlessly on a retry). */
export const confirmSignUp = async (deps: Deps, email: string, code: string) => {
  await register(deps, await deps.identity.confirmSignUp(email, code));
};

/** Unconfirmed identities older than a day (their code has expired) are removed: the email is free again. */
export const UNCONFIRMED_SIGN_UP_HOURS = 24;

export const purgeUnconfirmedSignUps = async ({ identity, clock }: Pick<Deps, 'identity' | 'clock'>) =>
  identity.purgeUnconfirmed(new Date(clock().getTime() - UNCONFIRMED_SIGN_UP_HOURS * 3600_000));
