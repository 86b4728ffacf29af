import { randomUUID } from 'node:crypto';
import { AccountDeletedError } from '../../shared/errors.js';
import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Tokens } from '../contracts/schemas.js';
import {
  EmailTakenError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  InvalidMfaCodeError,
  InvalidRefreshTokenError,
  InvalidResetCodeError,
  MfaChallengeFailedError,
  PasswordRejectedError,
  ProfileNotFoundError,
  TotpNotStartedError,
  WrongPasswordError,
} from '../domain/errors.js';
import { normalizedEmail, type Profile } from '../domain/profile.js';
import type { IdentityProvider, ProfileStore } from '../use-cases/ports.js';

/** The code every in-memory code check accepts (confirmation, reset, TOTP). */
export const IN_MEMORY_CODE = '123456';

interface Account {
  userId: string;
  name: string;
  email: string;
  password: string;
  confirmed: boolean;
  createdAt: Date;
  totp?: { secret: string; enabled: boolean };
}

/** Twins of the identity provider and the profile store, for tests. */
export class InMemoryUsers {
  readonly accounts = new Map<string, Account>();
  readonly profiles = new Map<string, Profile>();
  readonly deleted = new Set<string>();
  readonly outbox: DomainEvent[] = [];
  /** Codes "emailed", by purpose: what resend and forgot sent. */
  readonly sent: { email: string; purpose: 'confirm' | 'reset' }[] = [];
  private readonly refreshTokens = new Map<string, string>();
  private readonly accessTokens = new Map<string, string>();
  private readonly sessions = new Map<string, string>();

  constructor(private readonly options: { confirmAtOnce: boolean } = { confirmAtOnce: true }) {}

  private tokens(userId: string, withRefresh: boolean): Tokens {
    const refreshToken = randomUUID();
    const accessToken = `access-${userId}-${randomUUID()}`;
    this.accessTokens.set(accessToken, userId);
    if (withRefresh) this.refreshTokens.set(refreshToken, userId);
    return {
      accessToken,
      idToken: `id-${userId}`,
      ...(withRefresh ? { refreshToken } : {}),
      expiresIn: 3600,
      tokenType: 'Bearer',
    };
  }

  private byToken(accessToken: string): Account {
    const userId = this.accessTokens.get(accessToken);
    const account = [...this.accounts.values()].find((candidate) => candidate.userId === userId);
    if (!account) throw new InvalidCredentialsError();
    return account;
  }

  readonly identity: IdentityProvider = {
    signUp: async ({ email, password, name }) => {
      // As Cognito: any identity of the email, confirmed or not, holds it.
      if (this.accounts.has(normalizedEmail(email))) throw new EmailTakenError();
      if (password.length < 8) throw new PasswordRejectedError();
      const userId = randomUUID();
      this.accounts.set(normalizedEmail(email), {
        userId,
        name,
        email,
        password,
        confirmed: this.options.confirmAtOnce,
        createdAt: new Date(),
      });
      if (!this.options.confirmAtOnce) this.sent.push({ email, purpose: 'confirm' });
      return { userId, confirmationRequired: !this.options.confirmAtOnce };
    },
    confirmSignUp: async (email, code) => {
      const account = this.accounts.get(normalizedEmail(email));
      if (!account || (!account.confirmed && code !== IN_MEMORY_CODE))
        throw new InvalidConfirmationCodeError();
      account.confirmed = true;
      return { userId: account.userId, email: account.email, name: account.name };
    },
    resendCode: async (email) => {
      const account = this.accounts.get(normalizedEmail(email));
      if (account && !account.confirmed) this.sent.push({ email, purpose: 'confirm' });
    },
    forgotPassword: async (email) => {
      if (this.accounts.get(normalizedEmail(email))?.confirmed) this.sent.push({ email, purpose: 'reset' });
    },
    resetPassword: async (email, code, newPassword) => {
      const account = this.accounts.get(normalizedEmail(email));
      if (!account || code !== IN_MEMORY_CODE) throw new InvalidResetCodeError();
      if (newPassword.length < 8) throw new PasswordRejectedError();
      account.password = newPassword;
      for (const [token, userId] of this.refreshTokens)
        if (userId === account.userId) this.refreshTokens.delete(token);
    },
    logIn: async (email, password) => {
      const account = this.accounts.get(normalizedEmail(email));
      if (!account || account.password !== password || !account.confirmed)
        throw new InvalidCredentialsError();
      if (account.totp?.enabled) {
        const session = randomUUID();
        this.sessions.set(session, account.userId);
        return { challenge: 'MFA_REQUIRED', session };
      }
      return { tokens: this.tokens(account.userId, true) };
    },
    answerMfaChallenge: async (_email, session, code) => {
      const userId = this.sessions.get(session);
      if (!userId) throw new MfaChallengeFailedError('session');
      if (code !== IN_MEMORY_CODE) throw new MfaChallengeFailedError('code');
      this.sessions.delete(session);
      return this.tokens(userId, true);
    },
    refresh: async (refreshToken) => {
      const userId = this.refreshTokens.get(refreshToken);
      if (!userId) throw new InvalidRefreshTokenError();
      return this.tokens(userId, false);
    },
    revoke: async (refreshToken) => {
      this.refreshTokens.delete(refreshToken);
    },
    changePassword: async (accessToken, currentPassword, newPassword) => {
      const account = this.byToken(accessToken);
      if (account.password !== currentPassword) throw new WrongPasswordError();
      if (newPassword.length < 8) throw new PasswordRejectedError();
      account.password = newPassword;
    },
    startTotp: async (accessToken) => {
      const account = this.byToken(accessToken);
      account.totp = { secret: 'JBSWY3DPEHPK3PXP', enabled: false };
      return { secret: account.totp.secret, account: account.email };
    },
    enableTotp: async (accessToken, code) => {
      const account = this.byToken(accessToken);
      if (!account.totp) throw new TotpNotStartedError();
      if (code !== IN_MEMORY_CODE) throw new InvalidMfaCodeError();
      account.totp.enabled = true;
    },
    disableMfa: async (accessToken) => {
      const account = this.byToken(accessToken);
      if (account.totp) account.totp.enabled = false;
    },
    releaseUnconfirmed: async (email) => {
      const account = this.accounts.get(normalizedEmail(email));
      if (!account || account.confirmed) return false;
      this.accounts.delete(normalizedEmail(email));
      return true;
    },
    deleteIdentity: async (userId) => {
      for (const [email, account] of this.accounts)
        if (account.userId === userId) this.accounts.delete(email);
      for (const [token, owner] of this.refreshTokens) if (owner === userId) this.refreshTokens.delete(token);
    },
    purgeUnconfirmed: async (createdBefore) => {
      let purged = 0;
      for (const [email, account] of this.accounts) {
        if (account.confirmed || account.createdAt >= createdBefore) continue;
        this.accounts.delete(email);
        purged += 1;
      }
      return purged;
    },
  };

  readonly profileStore: ProfileStore = {
    create: async (profile, events) => {
      if (this.profiles.has(profile.userId)) return 'existed';
      const taken = [...this.profiles.values()].some(
        (existing) => normalizedEmail(existing.email) === normalizedEmail(profile.email),
      );
      if (taken) throw new EmailTakenError();
      this.profiles.set(profile.userId, profile);
      this.outbox.push(...events);
      return 'created';
    },
    get: async (userId) => {
      if (this.deleted.has(userId)) throw new AccountDeletedError();
      return this.profiles.get(userId);
    },
    rename: async (userId, name, updatedAt) => {
      const profile = this.profiles.get(userId);
      if (!profile) throw new ProfileNotFoundError();
      const renamed = { ...profile, name, updatedAt };
      this.profiles.set(userId, renamed);
      return renamed;
    },
    delete: async (userId, events) => {
      if (this.deleted.has(userId)) return 'already';
      this.deleted.add(userId);
      this.profiles.delete(userId);
      this.outbox.push(...events);
      return 'deleted';
    },
  };
}
