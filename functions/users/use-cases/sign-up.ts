import { UserRegistered } from '../contracts/events.js';
import type { SignUpInput } from '../contracts/schemas.js';
import { EmailTakenError } from '../domain/errors.js';
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
 * no profile, no UserRegistered, no welcome message. An email held by a
 * sign-up never confirmed (a typo, or someone else's) is freed once, through
 * the ReleaseUnconfirmedSignUp contract, and the owner's sign-up takes it
 * with their own password; a confirmed one is 409. Where the provider
 * confirms at once (the local cloud), the profile comes now; if it cannot be
 * stored the sign-up fails, and `POST /auth/confirm` (a retry of the
 * confirmation) makes it later.
 */
export const signUp = async (
  deps: Deps & Pick<UsersDependencies, 'releaseUnconfirmedSignUp'>,
  input: SignUpInput,
) => {
  const account = await createIdentity(deps, input);
  if (!account.confirmationRequired)
    await register(deps, { userId: account.userId, email: input.email, name: input.name });
  return { userId: account.userId, confirmationRequired: account.confirmationRequired };
};

/** The identity, freeing the email first if an unconfirmed sign-up holds it (once: a race ends here). */
const createIdentity = async (
  { identity, releaseUnconfirmedSignUp }: Pick<UsersDependencies, 'identity' | 'releaseUnconfirmedSignUp'>,
  input: SignUpInput,
) => {
  try {
    return await identity.signUp(input);
  } catch (error) {
    if (!(error instanceof EmailTakenError) || !(await releaseUnconfirmedSignUp(input.email))) throw error;
  }
  return identity.signUp(input);
};

/** Confirms the email; the profile and UserRegistered come now (again harmlessly on a retry). */
export const confirmSignUp = async (deps: Deps, email: string, code: string) => {
  await register(deps, await deps.identity.confirmSignUp(email, code));
};

/** Unconfirmed identities older than a day (their code has expired) are removed: the email is free again. */
export const UNCONFIRMED_SIGN_UP_HOURS = 24;

export const purgeUnconfirmedSignUps = async ({ identity, clock }: Pick<Deps, 'identity' | 'clock'>) =>
  identity.purgeUnconfirmed(new Date(clock().getTime() - UNCONFIRMED_SIGN_UP_HOURS * 3600_000));
