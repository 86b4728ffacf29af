import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Tokens } from '../contracts/schemas.js';
import {
  EmailTakenError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  PasswordRejectedError,
  ProfileNotFoundError,
} from '../domain/errors.js';
import { normalizedEmail, type Profile } from '../domain/profile.js';
import type { IdentityProvider, ProfileStore } from '../use-cases/ports.js';

/** Twins of the identity provider and the profile store, for tests. */
export class InMemoryUsers {
  readonly accounts = new Map<string, { userId: string; password: string; confirmed: boolean }>();
  readonly profiles = new Map<string, Profile>();
  readonly outbox: DomainEvent[] = [];
  private readonly refreshTokens = new Map<string, string>();

  constructor(private readonly options: { confirmAtOnce: boolean } = { confirmAtOnce: true }) {}

  private tokens(userId: string, withRefresh: boolean): Tokens {
    const refreshToken = randomUUID();
    if (withRefresh) this.refreshTokens.set(refreshToken, userId);
    return {
      accessToken: `access-${userId}-${randomUUID()}`,
      idToken: `id-${userId}`,
      ...(withRefresh ? { refreshToken } : {}),
      expiresIn: 3600,
      tokenType: 'Bearer',
    };
  }

  readonly identity: IdentityProvider = {
    signUp: async ({ email, password }) => {
      if (this.accounts.has(normalizedEmail(email))) throw new EmailTakenError();
      if (password.length < 8) throw new PasswordRejectedError();
      const userId = randomUUID();
      this.accounts.set(normalizedEmail(email), { userId, password, confirmed: this.options.confirmAtOnce });
      return { userId, confirmationRequired: !this.options.confirmAtOnce };
    },
    confirmSignUp: async (email, code) => {
      const account = this.accounts.get(normalizedEmail(email));
      if (!account || code !== '123456') throw new InvalidConfirmationCodeError();
      account.confirmed = true;
    },
    logIn: async (email, password) => {
      const account = this.accounts.get(normalizedEmail(email));
      if (!account || account.password !== password || !account.confirmed)
        throw new InvalidCredentialsError();
      return this.tokens(account.userId, true);
    },
    refresh: async (refreshToken) => {
      const userId = this.refreshTokens.get(refreshToken);
      if (!userId) throw new InvalidRefreshTokenError();
      return this.tokens(userId, false);
    },
    deleteUser: async (userId) => {
      for (const [email, account] of this.accounts)
        if (account.userId === userId) this.accounts.delete(email);
    },
  };

  readonly profileStore: ProfileStore = {
    create: async (profile, events) => {
      const taken = [...this.profiles.values()].some(
        (existing) => normalizedEmail(existing.email) === normalizedEmail(profile.email),
      );
      if (taken || this.profiles.has(profile.userId)) throw new EmailTakenError();
      this.profiles.set(profile.userId, profile);
      this.outbox.push(...events);
    },
    get: async (userId) => this.profiles.get(userId),
    rename: async (userId, name, updatedAt) => {
      const profile = this.profiles.get(userId);
      if (!profile) throw new ProfileNotFoundError();
      const renamed = { ...profile, name, updatedAt };
      this.profiles.set(userId, renamed);
      return renamed;
    },
  };
}
