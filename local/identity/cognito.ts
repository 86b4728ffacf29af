import { randomBytes, randomInt, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { AwsServiceError, type JsonService, type RawRoute } from '../aws-endpoint.js';
import { type CloudAssembly, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import { newTotpSecret, totp as totpCode, totpMatches } from './totp.js';

/** The scope Cognito writes into every access token of the username/password flows. */
export const COGNITO_SIGNIN_SCOPE = 'aws.cognito.signin.user.admin';

interface User {
  username: string;
  sub: string;
  attributes: Record<string, string>;
  passwordHash: string;
  status: 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD';
  groups: string[];
  enabled: boolean;
  createdAt: string;
  /** The one code outstanding for each purpose, as emailed, with its failed attempts. */
  codes?: Partial<Record<CodePurpose, { code: string; expiresAt: number; failures: number }>>;
  /** TOTP: the secret AssociateSoftwareToken gave, whether VerifySoftwareToken proved it, whether it is on. */
  totp?: { secret: string; verified: boolean; enabled: boolean };
  /** Tokens issued before this time (ms) no longer work: global sign-out. */
  tokensValidAfter?: number;
}

type CodePurpose = 'CONFIRM_SIGN_UP' | 'FORGOT_PASSWORD';

/** A code the local pool "emailed": printed to the log and kept for tests (`/_local/identity/messages`). */
export interface CodeMessage {
  readonly email: string;
  readonly purpose: CodePurpose;
  readonly code: string;
  readonly at: string;
}

/** How local sign-ups are confirmed: at once (as before), or with an emailed code, as in the cloud. */
export type SignUpConfirmation = 'at-once' | 'code';

/** Cognito's code lifetimes: 24 hours to confirm a sign-up, 1 hour to reset a password. */
const CODE_LIFETIME_MS: Record<CodePurpose, number> = {
  CONFIRM_SIGN_UP: 24 * 3600_000,
  FORGOT_PASSWORD: 3600_000,
};
/** Wrong codes tolerated per code (or per MFA session) before LimitExceededException. */
const CODE_ATTEMPTS = 5;
/** How long the session of an MFA challenge lasts (Cognito: 3 minutes by default). */
const MFA_SESSION_MS = 3 * 60_000;

interface Client {
  readonly clientId: string;
  readonly flows: readonly string[];
  readonly accessTokenSeconds: number;
  readonly idTokenSeconds: number;
  readonly refreshTokenSeconds: number;
}

interface Pool {
  readonly poolId: string;
  readonly issuer: string;
  readonly minimumPasswordLength: number;
  readonly clients: Client[];
  readonly groups: Set<string>;
  users: User[];
  refreshTokens: Record<
    string,
    { username: string; clientId: string; expiresAt: number; originJti?: string }
  >;
  keyId: string;
  privateJwk?: JWK;
  publicJwk?: JWK;
}

const hashPassword = (password: string): string => {
  const salt = randomBytes(16);
  return `${salt.toString('base64')}:${scryptSync(password, salt, 32).toString('base64')}`;
};

const passwordMatches = (password: string, stored: string): boolean => {
  const [salt = '', hash = ''] = stored.split(':');
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), 32);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};

/** `a***@e***` as Cognito shows where a code went. */
const maskedEmail = (email: string): string => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.charAt(0)}***@${domain.charAt(0)}***`;
};

const validitySeconds = (value: unknown, unit: unknown, fallback: number): number => {
  if (typeof value !== 'number') return fallback;
  const factor = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 }[String(unit ?? 'hours')] ?? 3600;
  return value * factor;
};

export interface LocalCognitoOptions {
  /** `at-once` (the default) or `code`: confirmation with the emailed code, as in the cloud. */
  readonly signUpConfirmation?: SignUpConfirmation;
  /** Where "sent" codes are printed. */
  readonly log?: (line: string) => void;
  readonly now?: () => number;
}

/**
 * A local stand-in for the Cognito user pools of the template: the API
 * operations the users service calls, over the AWS JSON protocol, issuing
 * RS256 tokens with Cognito's claim shapes under the issuer the HTTP API's
 * JWT authorizer trusts. Sign-ups are confirmed at once, or with an emailed
 * code (`signUpConfirmation: 'code'`); codes are printed, not emailed. TOTP
 * follows RFC 6238, so an authenticator app (or `npm run totp`) works with it.
 * Errors carry Cognito's exception names and messages, as its API reference
 * lists them for each operation.
 */
export class LocalCognito {
  private readonly pools: Pool[];
  /** The codes sent, newest last (at most 500), for tests and for people reading the log. */
  readonly messages: CodeMessage[] = [];
  /** Open MFA challenges by session. */
  private readonly challenges = new Map<
    string,
    { poolId: string; clientId: string; username: string; expiresAt: number; failures: number }
  >();
  /** Access tokens revoked with their refresh token (RevokeToken), by origin_jti. */
  private readonly revokedOrigins = new Set<string>();

  private constructor(
    pools: Pool[],
    private readonly stateFile: string | undefined,
    private readonly options: LocalCognitoOptions,
  ) {
    this.pools = pools;
  }

  static async create(
    assembly: CloudAssembly,
    resolver: TemplateResolver,
    stateFile?: string,
    options: LocalCognitoOptions = {},
  ): Promise<LocalCognito> {
    const saved: Record<
      string,
      Pick<Pool, 'users' | 'refreshTokens' | 'keyId' | 'privateJwk' | 'publicJwk'>
    > = stateFile && existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
    const clients = resourcesOfType(assembly, 'AWS::Cognito::UserPoolClient').map(
      ({ stackName, logicalId, resource }) => {
        const props = resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>;
        const units = props.TokenValidityUnits as Record<string, string> | undefined;
        return {
          poolId: String(props.UserPoolId),
          client: {
            clientId: resolver.ref(stackName, logicalId),
            flows: (props.ExplicitAuthFlows ?? []) as string[],
            accessTokenSeconds: validitySeconds(props.AccessTokenValidity, units?.AccessToken, 3600),
            idTokenSeconds: validitySeconds(props.IdTokenValidity, units?.IdToken, 3600),
            refreshTokenSeconds: validitySeconds(
              props.RefreshTokenValidity,
              units?.RefreshToken ?? 'days',
              30 * 86_400,
            ),
          },
        };
      },
    );
    const groups = resourcesOfType(assembly, 'AWS::Cognito::UserPoolGroup').map(
      ({ stackName, resource }) => ({
        poolId: resolver.resolveString(stackName, resource.Properties?.UserPoolId),
        name: resolver.resolveString(stackName, resource.Properties?.GroupName),
      }),
    );
    const pools: Pool[] = [];
    for (const { stackName, logicalId, resource } of resourcesOfType(assembly, 'AWS::Cognito::UserPool')) {
      const poolId = resolver.ref(stackName, logicalId);
      const policy = (
        resource.Properties?.Policies as { PasswordPolicy?: { MinimumLength?: number } } | undefined
      )?.PasswordPolicy;
      const state = saved[poolId];
      const pool: Pool = {
        poolId,
        issuer: resolver.getAtt(stackName, logicalId, 'ProviderURL'),
        minimumPasswordLength: policy?.MinimumLength ?? 8,
        clients: clients.filter((client) => client.poolId === poolId).map(({ client }) => client),
        groups: new Set(groups.filter((group) => group.poolId === poolId).map((group) => group.name)),
        users: state?.users ?? [],
        refreshTokens: state?.refreshTokens ?? {},
        keyId: state?.keyId ?? randomUUID(),
        ...(state?.privateJwk ? { privateJwk: state.privateJwk } : {}),
        ...(state?.publicJwk ? { publicJwk: state.publicJwk } : {}),
      };
      if (!pool.privateJwk || !pool.publicJwk) {
        const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
        pool.privateJwk = await exportJWK(privateKey);
        pool.publicJwk = { ...(await exportJWK(publicKey)), kid: pool.keyId, alg: 'RS256', use: 'sig' };
      }
      pools.push(pool);
    }
    const cognito = new LocalCognito(pools, stateFile, options);
    cognito.save();
    return cognito;
  }

  /** Issuer → its public keys, for the local JWT authorizer. */
  get issuers(): ReadonlyMap<string, { keys: JWK[] }> {
    return new Map(this.pools.map((pool) => [pool.issuer, { keys: pool.publicJwk ? [pool.publicJwk] : [] }]));
  }

  get userPools(): readonly { poolId: string; issuer: string; clientIds: string[] }[] {
    return this.pools.map((pool) => ({
      poolId: pool.poolId,
      issuer: pool.issuer,
      clientIds: pool.clients.map((c) => c.clientId),
    }));
  }

  private save(): void {
    if (!this.stateFile) return;
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const state = Object.fromEntries(
      this.pools.map((pool) => [
        pool.poolId,
        {
          users: pool.users,
          refreshTokens: pool.refreshTokens,
          keyId: pool.keyId,
          privateJwk: pool.privateJwk,
          publicJwk: pool.publicJwk,
        },
      ]),
    );
    writeFileSync(this.stateFile, JSON.stringify(state), { mode: 0o600 });
  }

  private poolById(poolId: unknown): Pool {
    const pool = this.pools.find((candidate) => candidate.poolId === poolId);
    if (!pool)
      throw new AwsServiceError('ResourceNotFoundException', `User pool ${String(poolId)} does not exist.`);
    return pool;
  }

  private poolOfClient(clientId: unknown): { pool: Pool; client: Client } {
    for (const pool of this.pools) {
      const client = pool.clients.find((candidate) => candidate.clientId === clientId);
      if (client) return { pool, client };
    }
    throw new AwsServiceError('ResourceNotFoundException', 'User pool client does not exist.');
  }

  private findUser(pool: Pool, name: unknown): User | undefined {
    const wanted = String(name ?? '').toLowerCase();
    return pool.users.find(
      (user) => user.username === name || user.attributes.email?.toLowerCase() === wanted,
    );
  }

  private requireUser(pool: Pool, name: unknown): User {
    const user = this.findUser(pool, name);
    if (!user) throw new AwsServiceError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  private checkPassword(pool: Pool, password: unknown): string {
    // The API reference's pattern for every password parameter: no white space at either end.
    if (typeof password === 'string' && (password.length > 256 || !/^[\S]+.*[\S]+$/su.test(password))) {
      throw new AwsServiceError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\S]+.*[\\S]+$",
      );
    }
    if (typeof password !== 'string' || password.length < pool.minimumPasswordLength) {
      throw new AwsServiceError(
        'InvalidPasswordException',
        `Password did not conform with policy: Password not long enough`,
      );
    }
    return password;
  }

  private newUser(
    pool: Pool,
    email: string,
    attributes: Record<string, string>,
    password: string,
    status: User['status'],
  ): User {
    if (email.length > 128)
      throw new AwsServiceError(
        'InvalidParameterException',
        "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
      );
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw new AwsServiceError('InvalidParameterException', 'Invalid email address format.');
    if (this.findUser(pool, email))
      throw new AwsServiceError('UsernameExistsException', 'An account with the given email already exists.');
    const sub = randomUUID();
    const user: User = {
      username: sub,
      sub,
      attributes: { ...attributes, email, sub, email_verified: String(status !== 'UNCONFIRMED') },
      passwordHash: hashPassword(password),
      status,
      groups: [],
      enabled: true,
      createdAt: new Date(this.now()).toISOString(),
    };
    pool.users.push(user);
    this.save();
    return user;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async tokens(pool: Pool, client: Client, user: User, withRefresh: boolean, origin?: string) {
    const now = Math.floor(this.now() / 1000);
    const originJti = origin ?? randomUUID();
    const key = await importJWK(pool.privateJwk ?? {}, 'RS256');
    const groups = user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {};
    const header = { alg: 'RS256', kid: pool.keyId };
    const accessToken = await new SignJWT({
      ...groups,
      client_id: client.clientId,
      origin_jti: originJti,
      event_id: randomUUID(),
      token_use: 'access',
      scope: COGNITO_SIGNIN_SCOPE,
      auth_time: now,
      username: user.username,
    })
      .setProtectedHeader(header)
      .setSubject(user.sub)
      .setIssuer(pool.issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + client.accessTokenSeconds)
      .setJti(randomUUID())
      .sign(key);
    const idToken = await new SignJWT({
      ...groups,
      email_verified: user.attributes.email_verified === 'true',
      'cognito:username': user.username,
      origin_jti: originJti,
      event_id: randomUUID(),
      token_use: 'id',
      auth_time: now,
      email: user.attributes.email,
      ...(user.attributes.name ? { name: user.attributes.name } : {}),
    })
      .setProtectedHeader(header)
      .setSubject(user.sub)
      .setIssuer(pool.issuer)
      .setAudience(client.clientId)
      .setIssuedAt(now)
      .setExpirationTime(now + client.idTokenSeconds)
      .setJti(randomUUID())
      .sign(key);
    const result: Record<string, unknown> = {
      AccessToken: accessToken,
      IdToken: idToken,
      ExpiresIn: client.accessTokenSeconds,
      TokenType: 'Bearer',
    };
    if (withRefresh) {
      const refreshToken = randomBytes(96).toString('base64url');
      pool.refreshTokens[refreshToken] = {
        username: user.username,
        clientId: client.clientId,
        expiresAt: this.now() + client.refreshTokenSeconds * 1000,
        originJti,
      };
      this.save();
      result.RefreshToken = refreshToken;
    }
    return result;
  }

  /**
   * The TOTP secret of the user with `email` and the code an authenticator
   * app shows for it now, for testing (`npm run totp`); undefined when the
   * user has no secret.
   */
  totpOf(email: string): { secret: string; code: string; enabled: boolean } | undefined {
    for (const pool of this.pools) {
      const totp = this.findUser(pool, email)?.totp;
      if (totp)
        return {
          secret: totp.secret,
          code: totpCode(totp.secret, new Date(this.now())),
          enabled: totp.enabled,
        };
    }
    return undefined;
  }

  /** Creates a confirmed user with a permanent password, in the given groups (the seeded admin). */
  async ensureUser(
    email: string,
    password: string,
    groups: readonly string[],
    attributes: Record<string, string> = {},
  ) {
    const [pool] = this.pools;
    if (!pool) throw new Error('The template has no user pool.');
    const user =
      this.findUser(pool, email) ??
      this.newUser(pool, email, attributes, this.checkPassword(pool, password), 'CONFIRMED');
    user.passwordHash = hashPassword(password);
    user.status = 'CONFIRMED';
    for (const group of groups) if (!user.groups.includes(group)) user.groups.push(group);
    this.save();
    return user.sub;
  }

  /** A new code for `purpose`, "emailed": printed to the log and kept in `messages`. */
  private sendCode(user: User, purpose: CodePurpose): Record<string, string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    user.codes = {
      ...user.codes,
      [purpose]: { code, expiresAt: this.now() + CODE_LIFETIME_MS[purpose], failures: 0 },
    };
    this.save();
    const email = user.attributes.email ?? user.username;
    this.messages.push({ email, purpose, code, at: new Date(this.now()).toISOString() });
    if (this.messages.length > 500) this.messages.shift();
    this.options.log?.(
      `identity: ${purpose === 'CONFIRM_SIGN_UP' ? 'confirmation' : 'password reset'} code for ${email}: ${code}`,
    );
    return { Destination: maskedEmail(email), DeliveryMedium: 'EMAIL', AttributeName: 'email' };
  }

  /** Checks and spends the user's code for `purpose`, with Cognito's errors. */
  private spendCode(user: User | undefined, purpose: CodePurpose, code: unknown): void {
    const outstanding = user?.codes?.[purpose];
    if (!user || !outstanding) {
      throw new AwsServiceError(
        'CodeMismatchException',
        'Invalid verification code provided, please try again.',
      );
    }
    if (outstanding.failures >= CODE_ATTEMPTS) {
      throw new AwsServiceError(
        'LimitExceededException',
        'Attempt limit exceeded, please try after some time.',
      );
    }
    if (outstanding.code !== code) {
      outstanding.failures += 1;
      this.save();
      throw new AwsServiceError(
        'CodeMismatchException',
        'Invalid verification code provided, please try again.',
      );
    }
    if (outstanding.expiresAt < this.now()) {
      throw new AwsServiceError(
        'ExpiredCodeException',
        'Invalid code provided, please request a code again.',
      );
    }
    delete user.codes?.[purpose];
  }

  /**
   * The user an access token names, once its signature, expiry, issuer and
   * revocation check out, as Cognito checks tokens given to its own API.
   */
  private async userOfAccessToken(token: unknown): Promise<{ pool: Pool; user: User }> {
    const invalid = () => new AwsServiceError('NotAuthorizedException', 'Invalid Access Token');
    if (typeof token !== 'string') throw invalid();
    for (const pool of this.pools) {
      if (!pool.publicJwk) continue;
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, createLocalJWKSet({ keys: [pool.publicJwk] }), {
          issuer: pool.issuer,
          currentDate: new Date(this.now()),
        }));
      } catch {
        continue;
      }
      if (payload.token_use !== 'access') throw invalid();
      const user = this.findUser(pool, payload.username);
      if (!user?.enabled) throw new AwsServiceError('NotAuthorizedException', 'User does not exist.');
      const issuedAt = Number(payload.iat ?? 0) * 1000;
      if (
        (user.tokensValidAfter !== undefined && issuedAt < user.tokensValidAfter) ||
        this.revokedOrigins.has(String(payload.origin_jti))
      ) {
        throw new AwsServiceError('NotAuthorizedException', 'Access Token has been revoked');
      }
      return { pool, user };
    }
    throw invalid();
  }

  private readonly signIn = async ({ AuthFlow, ClientId, AuthParameters }: Record<string, unknown>) => {
    const { pool, client } = this.poolOfClient(ClientId);
    const parameters = (AuthParameters ?? {}) as Record<string, string>;
    if (AuthFlow === 'USER_PASSWORD_AUTH' || AuthFlow === 'ADMIN_USER_PASSWORD_AUTH') {
      if (AuthFlow === 'USER_PASSWORD_AUTH' && !client.flows.includes('ALLOW_USER_PASSWORD_AUTH')) {
        throw new AwsServiceError(
          'InvalidParameterException',
          'USER_PASSWORD_AUTH flow not enabled for this client',
        );
      }
      const user = this.findUser(pool, parameters.USERNAME);
      // The same answer for an unknown user and a wrong password: no hint whether an account exists.
      if (!user?.enabled || !passwordMatches(String(parameters.PASSWORD ?? ''), user.passwordHash)) {
        throw new AwsServiceError('NotAuthorizedException', 'Incorrect username or password.');
      }
      if (user.status === 'UNCONFIRMED')
        throw new AwsServiceError('UserNotConfirmedException', 'User is not confirmed.');
      if (user.totp?.enabled) {
        const session = randomBytes(48).toString('base64url');
        this.challenges.set(session, {
          poolId: pool.poolId,
          clientId: client.clientId,
          username: user.username,
          expiresAt: this.now() + MFA_SESSION_MS,
          failures: 0,
        });
        return {
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: session,
          ChallengeParameters: { USER_ID_FOR_SRP: user.username },
        };
      }
      return { AuthenticationResult: await this.tokens(pool, client, user, true), ChallengeParameters: {} };
    }
    if (AuthFlow === 'REFRESH_TOKEN_AUTH' || AuthFlow === 'REFRESH_TOKEN') {
      const token = parameters.REFRESH_TOKEN ?? '';
      const saved = pool.refreshTokens[token];
      const user = saved ? this.findUser(pool, saved.username) : undefined;
      if (!saved || saved.clientId !== client.clientId || saved.expiresAt < this.now() || !user?.enabled) {
        throw new AwsServiceError('NotAuthorizedException', 'Invalid Refresh Token');
      }
      return {
        AuthenticationResult: await this.tokens(pool, client, user, false, saved.originJti),
        ChallengeParameters: {},
      };
    }
    throw new AwsServiceError('InvalidParameterException', `Unsupported auth flow ${String(AuthFlow)}`);
  };

  /** Ends every session of a user: refresh tokens deleted, access tokens issued so far refused. */
  private signOutEverywhere(pool: Pool, user: User): void {
    for (const [token, saved] of Object.entries(pool.refreshTokens))
      if (saved.username === user.username) delete pool.refreshTokens[token];
    // Cognito's times are in whole seconds; a token issued in this second stays good, as there.
    user.tokensValidAfter = Math.floor(this.now() / 1000) * 1000;
    this.save();
  }

  private attributesOf(user: User) {
    return Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }));
  }

  private describe(user: User) {
    return {
      Username: user.username,
      UserAttributes: this.attributesOf(user),
      Attributes: this.attributesOf(user),
      UserStatus: user.status,
      Enabled: user.enabled,
      UserCreateDate: new Date(user.createdAt).getTime() / 1000,
    };
  }

  readonly service: JsonService = {
    targetPrefix: 'AWSCognitoIdentityProviderService',
    operations: {
      SignUp: ({ ClientId, Username, Password, UserAttributes }) => {
        const { pool } = this.poolOfClient(ClientId);
        const attributes = Object.fromEntries(
          ((UserAttributes ?? []) as { Name: string; Value: string }[]).map(({ Name, Value }) => [
            Name,
            Value,
          ]),
        );
        const atOnce = (this.options.signUpConfirmation ?? 'at-once') === 'at-once';
        const user = this.newUser(
          pool,
          String(Username ?? ''),
          attributes,
          this.checkPassword(pool, Password),
          atOnce ? 'CONFIRMED' : 'UNCONFIRMED',
        );
        if (atOnce) return { UserConfirmed: true, UserSub: user.sub };
        return {
          UserConfirmed: false,
          UserSub: user.sub,
          CodeDeliveryDetails: this.sendCode(user, 'CONFIRM_SIGN_UP'),
        };
      },
      ConfirmSignUp: ({ ClientId, Username, ConfirmationCode }) => {
        const { pool } = this.poolOfClient(ClientId);
        const user = this.findUser(pool, Username);
        if (user && user.status !== 'UNCONFIRMED') {
          throw new AwsServiceError(
            'NotAuthorizedException',
            'User cannot confirm because user status is not UNCONFIRMED.',
          );
        }
        this.spendCode(user, 'CONFIRM_SIGN_UP', ConfirmationCode);
        if (!user) return {};
        user.status = 'CONFIRMED';
        user.attributes.email_verified = 'true';
        this.save();
        return {};
      },
      ResendConfirmationCode: ({ ClientId, Username }) => {
        const { pool } = this.poolOfClient(ClientId);
        const user = this.findUser(pool, Username);
        // An unknown user gets the answer a real one would (PreventUserExistenceErrors).
        if (!user) return { CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
        if (user.status !== 'UNCONFIRMED')
          throw new AwsServiceError('InvalidParameterException', 'User is already confirmed.');
        return { CodeDeliveryDetails: this.sendCode(user, 'CONFIRM_SIGN_UP') };
      },
      ForgotPassword: ({ ClientId, Username }) => {
        const { pool } = this.poolOfClient(ClientId);
        const user = this.findUser(pool, Username);
        if (!user?.enabled)
          return { CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', AttributeName: 'email' } };
        if (user.attributes.email_verified !== 'true') {
          throw new AwsServiceError(
            'InvalidParameterException',
            'Cannot reset password for the user as there is no registered/verified email or phone_number',
          );
        }
        return { CodeDeliveryDetails: this.sendCode(user, 'FORGOT_PASSWORD') };
      },
      ConfirmForgotPassword: ({ ClientId, Username, ConfirmationCode, Password }) => {
        const { pool } = this.poolOfClient(ClientId);
        const user = this.findUser(pool, Username);
        const password = this.checkPassword(pool, Password);
        this.spendCode(user, 'FORGOT_PASSWORD', ConfirmationCode);
        if (!user) return {};
        user.passwordHash = hashPassword(password);
        if (user.status === 'FORCE_CHANGE_PASSWORD') user.status = 'CONFIRMED';
        this.save();
        return {};
      },
      ChangePassword: async ({ AccessToken, PreviousPassword, ProposedPassword }) => {
        const { pool, user } = await this.userOfAccessToken(AccessToken);
        const proposed = this.checkPassword(pool, ProposedPassword);
        if (!passwordMatches(String(PreviousPassword ?? ''), user.passwordHash))
          throw new AwsServiceError('NotAuthorizedException', 'Incorrect username or password.');
        user.passwordHash = hashPassword(proposed);
        this.save();
        return {};
      },
      InitiateAuth: this.signIn,
      AdminInitiateAuth: this.signIn,
      RespondToAuthChallenge: async ({ ClientId, ChallengeName, Session, ChallengeResponses }) => {
        const { pool, client } = this.poolOfClient(ClientId);
        const expired = () =>
          new AwsServiceError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
        const challenge = this.challenges.get(String(Session));
        if (
          ChallengeName !== 'SOFTWARE_TOKEN_MFA' ||
          !challenge ||
          challenge.clientId !== client.clientId ||
          challenge.expiresAt < this.now()
        ) {
          throw expired();
        }
        const responses = (ChallengeResponses ?? {}) as Record<string, string>;
        const user = this.findUser(pool, challenge.username);
        if (!user?.enabled || this.findUser(pool, responses.USERNAME) !== user) throw expired();
        if (
          !user.totp?.enabled ||
          !totpMatches(
            user.totp.secret,
            String(responses.SOFTWARE_TOKEN_MFA_CODE ?? ''),
            new Date(this.now()),
          )
        ) {
          challenge.failures += 1;
          if (challenge.failures >= CODE_ATTEMPTS) this.challenges.delete(String(Session));
          throw new AwsServiceError('CodeMismatchException', 'Invalid code received for user');
        }
        this.challenges.delete(String(Session));
        return { AuthenticationResult: await this.tokens(pool, client, user, true), ChallengeParameters: {} };
      },
      AssociateSoftwareToken: async ({ AccessToken }) => {
        const { user } = await this.userOfAccessToken(AccessToken);
        const secret = newTotpSecret();
        // A new secret replaces any earlier one, and TOTP is off until it is verified and turned on.
        user.totp = { secret, verified: false, enabled: false };
        this.save();
        return { SecretCode: secret };
      },
      VerifySoftwareToken: async ({ AccessToken, UserCode }) => {
        const { user } = await this.userOfAccessToken(AccessToken);
        if (!user.totp) {
          throw new AwsServiceError('InvalidParameterException', 'User has not associated a software token.');
        }
        if (!totpMatches(user.totp.secret, String(UserCode ?? ''), new Date(this.now())))
          throw new AwsServiceError('EnableSoftwareTokenMFAException', 'Code mismatch');
        user.totp.verified = true;
        this.save();
        return { Status: 'SUCCESS' };
      },
      SetUserMFAPreference: async ({ AccessToken, SoftwareTokenMfaSettings }) => {
        const { user } = await this.userOfAccessToken(AccessToken);
        const settings = (SoftwareTokenMfaSettings ?? {}) as { Enabled?: boolean };
        if (settings.Enabled === true) {
          if (!user.totp?.verified)
            throw new AwsServiceError(
              'InvalidParameterException',
              'User has not verified software token mfa',
            );
          user.totp.enabled = true;
        } else if (settings.Enabled === false && user.totp) {
          user.totp.enabled = false;
        }
        this.save();
        return {};
      },
      GetUser: async ({ AccessToken }) => {
        const { user } = await this.userOfAccessToken(AccessToken);
        return {
          Username: user.username,
          UserAttributes: this.attributesOf(user),
          ...(user.totp?.enabled
            ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' }
            : {}),
        };
      },
      GlobalSignOut: async ({ AccessToken }) => {
        const { pool, user } = await this.userOfAccessToken(AccessToken);
        this.signOutEverywhere(pool, user);
        return {};
      },
      AdminUserGlobalSignOut: ({ UserPoolId, Username }) => {
        const pool = this.poolById(UserPoolId);
        this.signOutEverywhere(pool, this.requireUser(pool, Username));
        return {};
      },
      AdminCreateUser: ({ UserPoolId, Username, UserAttributes, TemporaryPassword }) => {
        const pool = this.poolById(UserPoolId);
        const attributes = Object.fromEntries(
          ((UserAttributes ?? []) as { Name: string; Value: string }[]).map(({ Name, Value }) => [
            Name,
            Value,
          ]),
        );
        const password =
          typeof TemporaryPassword === 'string' ? TemporaryPassword : randomBytes(12).toString('base64url');
        return {
          User: this.describe(
            this.newUser(
              pool,
              String(attributes.email ?? Username),
              attributes,
              password,
              'FORCE_CHANGE_PASSWORD',
            ),
          ),
        };
      },
      AdminSetUserPassword: ({ UserPoolId, Username, Password, Permanent }) => {
        const pool = this.poolById(UserPoolId);
        const user = this.requireUser(pool, Username);
        user.passwordHash = hashPassword(this.checkPassword(pool, Password));
        if (Permanent) user.status = 'CONFIRMED';
        this.save();
        return {};
      },
      AdminConfirmSignUp: ({ UserPoolId, Username }) => {
        const user = this.requireUser(this.poolById(UserPoolId), Username);
        user.status = 'CONFIRMED';
        this.save();
        return {};
      },
      AdminGetUser: ({ UserPoolId, Username }) =>
        this.describe(this.requireUser(this.poolById(UserPoolId), Username)),
      AdminDeleteUser: ({ UserPoolId, Username }) => {
        const pool = this.poolById(UserPoolId);
        const user = this.requireUser(pool, Username);
        pool.users = pool.users.filter((candidate) => candidate !== user);
        for (const [token, saved] of Object.entries(pool.refreshTokens))
          if (saved.username === user.username) delete pool.refreshTokens[token];
        this.save();
        return {};
      },
      AdminAddUserToGroup: ({ UserPoolId, Username, GroupName }) => {
        const pool = this.poolById(UserPoolId);
        if (!pool.groups.has(String(GroupName)))
          throw new AwsServiceError('ResourceNotFoundException', 'Group not found.');
        const user = this.requireUser(pool, Username);
        if (!user.groups.includes(String(GroupName))) user.groups.push(String(GroupName));
        this.save();
        return {};
      },
      AdminRemoveUserFromGroup: ({ UserPoolId, Username, GroupName }) => {
        const user = this.requireUser(this.poolById(UserPoolId), Username);
        user.groups = user.groups.filter((group) => group !== GroupName);
        this.save();
        return {};
      },
      AdminListGroupsForUser: ({ UserPoolId, Username }) => ({
        Groups: this.requireUser(this.poolById(UserPoolId), Username).groups.map((GroupName) => ({
          GroupName,
          UserPoolId,
        })),
      }),
      ListUsers: ({ UserPoolId, Filter, Limit, PaginationToken }) => {
        const pool = this.poolById(UserPoolId);
        // Cognito's filter: one attribute, `=` (exact) or `^=` (prefix), a quoted value.
        const match = /^\s*([\w:]+)\s*(\^?=)\s*"([^"]*)"\s*$/.exec(String(Filter ?? ''));
        if (Filter !== undefined && Filter !== '' && !match)
          throw new AwsServiceError('InvalidParameterException', 'Error while parsing filter.');
        const attributeOf = (user: User, name: string): string | undefined =>
          name === 'username'
            ? user.username
            : name === 'cognito:user_status' || name === 'status'
              ? user.status
              : user.attributes[name];
        const users = match
          ? pool.users.filter((user) => {
              const value = attributeOf(user, match[1] ?? '');
              return match[2] === '=' ? value === match[3] : value?.startsWith(match[3] ?? '') === true;
            })
          : pool.users;
        const limit = Math.min(typeof Limit === 'number' ? Limit : 60, 60);
        const offset = typeof PaginationToken === 'string' ? Number(PaginationToken) || 0 : 0;
        const page = users.slice(offset, offset + limit);
        return {
          Users: page.map((user) => this.describe(user)),
          ...(offset + limit < users.length ? { PaginationToken: String(offset + limit) } : {}),
        };
      },
      RevokeToken: ({ Token, ClientId }) => {
        const { pool, client } = this.poolOfClient(ClientId);
        const saved = pool.refreshTokens[String(Token)];
        // An unknown or already revoked token: nothing to do, and no error (RFC 7009 §2.2).
        if (!saved) return {};
        if (saved.clientId !== client.clientId)
          throw new AwsServiceError('UnauthorizedException', 'The token was not issued to this client.');
        delete pool.refreshTokens[String(Token)];
        // The access tokens it issued stop working at Cognito's own API too.
        if (saved.originJti) this.revokedOrigins.add(saved.originJti);
        this.save();
        return {};
      },
    },
  };

  /** JWKS and OpenID configuration of each pool, at the paths Cognito serves them. */
  wellKnownRoutes(awsEndpoint: string): RawRoute[] {
    return [
      {
        matches: (method, path) =>
          method === 'GET' && /^\/[^/]+\/\.well-known\/(jwks\.json|openid-configuration)$/.test(path),
        handle: (request, _body, response) => {
          const [, poolId = '', , document] = new URL(request.url ?? '/', 'http://localhost').pathname.split(
            '/',
          );
          const pool = this.pools.find((candidate) => candidate.poolId === poolId);
          if (!pool) {
            response.writeHead(404, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ message: 'User pool not found' }));
            return;
          }
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(
            JSON.stringify(
              document === 'jwks.json'
                ? { keys: pool.publicJwk ? [pool.publicJwk] : [] }
                : {
                    issuer: pool.issuer,
                    jwks_uri: `${awsEndpoint}/${pool.poolId}/.well-known/jwks.json`,
                    id_token_signing_alg_values_supported: ['RS256'],
                  },
            ),
          );
        },
      },
    ];
  }
}
