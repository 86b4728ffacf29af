import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Tokens } from '../contracts/schemas.js';
import type { Profile } from '../domain/profile.js';

/** The identity provider (Cognito in the cloud, the local stand-in on npm start). */
export interface IdentityProvider {
  /** @throws EmailTakenError, PasswordRejectedError */
  signUp(input: {
    email: string;
    password: string;
    name: string;
  }): Promise<{ userId: string; confirmationRequired: boolean }>;
  /** @throws InvalidConfirmationCodeError */
  confirmSignUp(email: string, code: string): Promise<void>;
  /** @throws InvalidCredentialsError */
  logIn(email: string, password: string): Promise<Tokens>;
  /** @throws InvalidRefreshTokenError */
  refresh(refreshToken: string): Promise<Tokens>;
  /** Removes an account whose sign-up could not be completed. */
  deleteUser(userId: string): Promise<void>;
}

/** Profiles, each email at most once. */
export interface ProfileStore {
  /** Stores a new profile with its events. @throws EmailTakenError */
  create(profile: Profile, events: readonly DomainEvent[]): Promise<void>;
  get(userId: string): Promise<Profile | undefined>;
  /** @throws ProfileNotFoundError */
  rename(userId: string, name: string, updatedAt: string): Promise<Profile>;
}

export interface UsersDependencies {
  readonly identity: IdentityProvider;
  readonly profiles: ProfileStore;
  readonly clock: () => Date;
}
