import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { AwsServiceError, type JsonService, type RawRoute } from '../aws-endpoint.js';
import { type CloudAssembly, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';

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
}

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
  refreshTokens: Record<string, { username: string; clientId: string; expiresAt: number }>;
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

const validitySeconds = (value: unknown, unit: unknown, fallback: number): number => {
  if (typeof value !== 'number') return fallback;
  const factor = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 }[String(unit ?? 'hours')] ?? 3600;
  return value * factor;
};

/**
 * A local stand-in for the Cognito user pools of the template: the API
 * operations the users service calls, over the AWS JSON protocol, issuing
 * RS256 tokens with Cognito's claim shapes under the issuer the HTTP API's
 * JWT authorizer trusts. Sign-ups are confirmed at once.
 */
export class LocalCognito {
  private readonly pools: Pool[];

  private constructor(
    pools: Pool[],
    private readonly stateFile: string | undefined,
  ) {
    this.pools = pools;
  }

  static async create(
    assembly: CloudAssembly,
    resolver: TemplateResolver,
    stateFile?: string,
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
    const cognito = new LocalCognito(pools, stateFile);
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
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw new AwsServiceError('InvalidParameterException', 'Invalid email address format.');
    if (this.findUser(pool, email))
      throw new AwsServiceError('UsernameExistsException', 'An account with the given email already exists.');
    const sub = randomUUID();
    const user: User = {
      username: sub,
      sub,
      attributes: { ...attributes, email, sub, email_verified: 'true' },
      passwordHash: hashPassword(password),
      status,
      groups: [],
      enabled: true,
      createdAt: new Date().toISOString(),
    };
    pool.users.push(user);
    this.save();
    return user;
  }

  private async tokens(pool: Pool, client: Client, user: User, withRefresh: boolean) {
    const now = Math.floor(Date.now() / 1000);
    const originJti = randomUUID();
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
        expiresAt: Date.now() + client.refreshTokenSeconds * 1000,
      };
      this.save();
      result.RefreshToken = refreshToken;
    }
    return result;
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
      return { AuthenticationResult: await this.tokens(pool, client, user, true), ChallengeParameters: {} };
    }
    if (AuthFlow === 'REFRESH_TOKEN_AUTH' || AuthFlow === 'REFRESH_TOKEN') {
      const token = parameters.REFRESH_TOKEN ?? '';
      const saved = pool.refreshTokens[token];
      const user = saved ? this.findUser(pool, saved.username) : undefined;
      if (!saved || saved.clientId !== client.clientId || saved.expiresAt < Date.now() || !user?.enabled) {
        throw new AwsServiceError('NotAuthorizedException', 'Invalid Refresh Token');
      }
      return { AuthenticationResult: await this.tokens(pool, client, user, false), ChallengeParameters: {} };
    }
    throw new AwsServiceError('InvalidParameterException', `Unsupported auth flow ${String(AuthFlow)}`);
  };

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
        const user = this.newUser(
          pool,
          String(Username ?? ''),
          attributes,
          this.checkPassword(pool, Password),
          'CONFIRMED',
        );
        return { UserConfirmed: true, UserSub: user.sub };
      },
      ConfirmSignUp: ({ ClientId, Username }) => {
        const { pool } = this.poolOfClient(ClientId);
        const user = this.requireUser(pool, Username);
        user.status = 'CONFIRMED';
        this.save();
        return {};
      },
      InitiateAuth: this.signIn,
      AdminInitiateAuth: this.signIn,
      GetUser: async ({ AccessToken }) => {
        const payload = JSON.parse(
          Buffer.from(String(AccessToken).split('.')[1] ?? '', 'base64url').toString('utf8'),
        ) as {
          iss?: string;
          username?: string;
        };
        const pool = this.pools.find((candidate) => candidate.issuer === payload.iss);
        if (!pool) throw new AwsServiceError('NotAuthorizedException', 'Invalid Access Token');
        const user = this.requireUser(pool, payload.username);
        return { Username: user.username, UserAttributes: this.attributesOf(user) };
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
      ListUsers: ({ UserPoolId, Filter }) => {
        const pool = this.poolById(UserPoolId);
        const match = /^\s*(\w+)\s*=\s*"([^"]*)"\s*$/.exec(String(Filter ?? ''));
        const users = match
          ? pool.users.filter(
              (user) =>
                user.attributes[match[1] ?? ''] === match[2] ||
                (match[1] === 'username' && user.username === match[2]),
            )
          : pool.users;
        return { Users: users.map((user) => this.describe(user)) };
      },
      RevokeToken: ({ Token }) => {
        for (const pool of this.pools) delete pool.refreshTokens[String(Token)];
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
