import { AccountDeletedError } from '../../shared/errors.js';
import type { ProfileView } from '../contracts/schemas.js';
import { ProfileNotFoundError, UserNotFoundError } from '../domain/errors.js';
import type { Profile } from '../domain/profile.js';
import type { UsersDependencies } from './ports.js';

const toView = ({ userId, email, name, createdAt }: Profile): ProfileView => ({
  userId,
  email,
  name,
  createdAt,
});

export const getProfile = async (
  { profiles }: Pick<UsersDependencies, 'profiles'>,
  userId: string,
): Promise<ProfileView> => {
  const profile = await profiles.get(userId);
  if (!profile) throw new ProfileNotFoundError();
  return toView(profile);
};

export const updateProfile = async (
  { profiles, clock }: Pick<UsersDependencies, 'profiles' | 'clock'>,
  userId: string,
  name: string,
): Promise<ProfileView> => toView(await profiles.rename(userId, name, clock().toISOString()));

/** Any user's profile, for admins; a deleted account has none. */
export const getUser = async (
  { profiles }: Pick<UsersDependencies, 'profiles'>,
  userId: string,
): Promise<ProfileView> => {
  const profile = await profiles.get(userId).catch((error: unknown) => {
    if (error instanceof AccountDeletedError) return undefined;
    throw error;
  });
  if (!profile) throw new UserNotFoundError();
  return toView(profile);
};
