import { UserRegistered } from '../contracts/events.js';
import type { SignUpInput } from '../contracts/schemas.js';
import { newProfile } from '../domain/profile.js';
import type { UsersDependencies } from './ports.js';

/**
 * Creates the account at the identity provider, then its profile with the
 * UserRegistered event. If the profile cannot be stored, the account is
 * removed again, so a retry starts clean rather than meeting "email taken".
 */
export const signUp = async ({ identity, profiles, clock }: UsersDependencies, input: SignUpInput) => {
  const account = await identity.signUp(input);
  const now = clock();
  const profile = newProfile(account.userId, input.email, input.name, now);
  try {
    await profiles.create(profile, [
      UserRegistered.create({ userId: profile.userId, email: profile.email, name: profile.name }, now),
    ]);
  } catch (error) {
    await identity.deleteUser(account.userId).catch(() => undefined);
    throw error;
  }
  return { userId: account.userId, confirmationRequired: account.confirmationRequired };
};
