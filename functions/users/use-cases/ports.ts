import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Tokens } from '../contracts/schemas.js';
import type { Profile } from '../domain/profile.js';

/** An identity whose email is confirmed: what its profile is made from. */
export interface ConfirmedAccount {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
}

/** A sign-in: tokens, or a challenge to answer with a TOTP code and this session. */
export type SignInResult =
  | { readonly tokens: Tokens }
  | { readonly challenge: 'MFA_REQUIRED'; readonly session: string };

/**
 * The identity provider (Cognito in the cloud, the local stand-in on npm
 * start). Every method throws the users domain's errors or a TransientError,
 * never the provider's own: the adapter maps each of its errors.
 */
export interface IdentityProvider {
  /**
   * Creates an identity and emails its confirmation code, unless the
   * provider confirms it at once. An unconfirmed identity with the same email
   * is replaced by the new one (its password and name); a confirmed one is
   * EmailTakenError.
   */
  signUp(input: {
    email: string;
    password: string;
    name: string;
  }): Promise<{ userId: string; confirmationRequired: boolean }>;
  // @throws EmailTakenError when any identity, confirmed or not, has the email.
  /** Confirms with the emailed code; an identity confirmed before answers the same (a retry). */
  confirmSignUp(email: string, code: string): Promise<ConfirmedAccount>;
  /** Emails a new confirmation code; silent for an unknown or confirmed email. */
  resendCode(email: string): Promise<void>;
  /** Emails a password reset code; silent for an unknown email. */
  forgotPassword(email: string): Promise<void>;
  /** Sets a new password with the reset code and ends every session of the account. */
  resetPassword(email: string, code: string, newPassword: string): Promise<void>;
  logIn(email: string, password: string): Promise<SignInResult>;
  answerMfaChallenge(email: string, session: string, code: string): Promise<Tokens>;
  refresh(refreshToken: string): Promise<Tokens>;
  /** Revokes a refresh token; an unknown or revoked one is no error. */
  revoke(refreshToken: string): Promise<void>;
  changePassword(accessToken: string, currentPassword: string, newPassword: string): Promise<void>;
  /**
   * A new TOTP secret (base32) for the caller, with the name an authenticator
   * app shows for it (the email); TOTP is off until a code from it is verified.
   */
  startTotp(accessToken: string): Promise<{ secret: string; account: string }>;
  /** Verifies a code from the new secret and turns TOTP on. */
  enableTotp(accessToken: string, code: string): Promise<void>;
  disableMfa(accessToken: string): Promise<void>;
  /** Removes the identity; one already gone is no error. */
  deleteIdentity(userId: string): Promise<void>;
  /**
   * Removes the identity of `email` if, and only if, it was never confirmed;
   * resolves with whether it did (no such identity: false).
   */
  releaseUnconfirmed(email: string): Promise<boolean>;
  /** Removes identities left unconfirmed since before `createdBefore`; returns how many. */
  purgeUnconfirmed(createdBefore: Date): Promise<number>;
}

/** Profiles, each email at most once. */
export interface ProfileStore {
  /**
   * Stores a new profile with its events; storing the same user's profile
   * again changes nothing (a retried confirmation). @throws EmailTakenError
   */
  create(profile: Profile, events: readonly DomainEvent[]): Promise<'created' | 'existed'>;
  /** @throws AccountDeletedError for an account deleted since */
  get(userId: string): Promise<Profile | undefined>;
  /** @throws ProfileNotFoundError */
  rename(userId: string, name: string, updatedAt: string): Promise<Profile>;
  /**
   * Deletes the profile and frees its email, leaving a record that the
   * account was deleted which carries `events`; again for the same user,
   * nothing changes.
   */
  delete(userId: string, events: readonly DomainEvent[], deletedAt: string): Promise<'deleted' | 'already'>;
}

/** Whether the customer has an order still PENDING or CONFIRMED (orders' HasOpenOrders contract). */
export type OpenOrders = (userId: string) => Promise<boolean>;

/**
 * Frees an email an unconfirmed sign-up holds (the ReleaseUnconfirmedSignUp
 * contract): sign-up asks it, rather than holding the right to delete identities.
 */
export type ReleaseUnconfirmedSignUp = (email: string) => Promise<boolean>;

export interface UsersDependencies {
  readonly identity: IdentityProvider;
  readonly profiles: ProfileStore;
  readonly openOrders: OpenOrders;
  readonly releaseUnconfirmedSignUp: ReleaseUnconfirmedSignUp;
  readonly clock: () => Date;
}
