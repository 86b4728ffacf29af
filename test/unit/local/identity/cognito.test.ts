import { createLocalJWKSet, jwtVerify } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalCognito } from '../../../../local/identity/cognito.js';
import { fakeAssembly, resolverFor } from '../../../support/local/fake-assembly.js';

const assembly = fakeAssembly({
  Pool: {
    Type: 'AWS::Cognito::UserPool',
    Properties: { Policies: { PasswordPolicy: { MinimumLength: 8 } } },
  },
  Client: {
    Type: 'AWS::Cognito::UserPoolClient',
    Properties: {
      UserPoolId: { Ref: 'Pool' },
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    },
  },
  Admins: {
    Type: 'AWS::Cognito::UserPoolGroup',
    Properties: { UserPoolId: { Ref: 'Pool' }, GroupName: 'admin' },
  },
});
const resolver = resolverFor(assembly);
const clientId = resolver.ref('Test', 'Client');
const poolId = resolver.ref('Test', 'Pool');

let cognito: LocalCognito;
const call = async (operation: string, input: Record<string, unknown>) => {
  const handler = cognito.service.operations[operation];
  if (!handler) throw new Error(`no ${operation}`);
  return (await handler(input)) as Record<string, unknown>;
};
const signUp = (email: string, password = 'long enough') =>
  call('SignUp', {
    ClientId: clientId,
    Username: email,
    Password: password,
    UserAttributes: [
      { Name: 'email', Value: email },
      { Name: 'name', Value: 'Ann' },
    ],
  });
const signIn = (email: string, password = 'long enough') =>
  call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: email, PASSWORD: password },
  });

beforeEach(async () => {
  cognito = await LocalCognito.create(assembly, resolver);
});

describe('LocalCognito', () => {
  it('confirms a local sign-up at once', async () => {
    expect(await signUp('ann@example.com')).toEqual({ UserConfirmed: true, UserSub: expect.any(String) });
  });

  it('issues access and ID tokens with Cognito claim shapes, verifiable with the pool JWKS', async () => {
    const { UserSub } = (await signUp('ann@example.com')) as { UserSub: string };
    await call('AdminAddUserToGroup', {
      UserPoolId: poolId,
      Username: 'ann@example.com',
      GroupName: 'admin',
    });
    const { AuthenticationResult } = (await signIn('ANN@example.com')) as {
      AuthenticationResult: Record<string, string>;
    };
    const [issuer, keySet] = [...cognito.issuers][0] ?? [];
    const jwks = createLocalJWKSet({ keys: keySet?.keys ?? [] });
    const access = await jwtVerify(AuthenticationResult.AccessToken ?? '', jwks, { issuer: issuer ?? '' });
    expect(access.payload).toMatchObject({
      sub: UserSub,
      token_use: 'access',
      client_id: clientId,
      scope: 'aws.cognito.signin.user.admin',
      'cognito:groups': ['admin'],
      username: UserSub,
    });
    expect(access.payload.aud).toBeUndefined();
    const id = await jwtVerify(AuthenticationResult.IdToken ?? '', jwks, {
      issuer: issuer ?? '',
      audience: clientId,
    });
    expect(id.payload).toMatchObject({
      token_use: 'id',
      email: 'ann@example.com',
      name: 'Ann',
      'cognito:username': UserSub,
    });
    expect(AuthenticationResult).toMatchObject({
      TokenType: 'Bearer',
      ExpiresIn: 3600,
      RefreshToken: expect.any(String),
    });
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    await signUp('ann@example.com');
    await expect(signIn('ann@example.com', 'wrong password')).rejects.toThrow(
      'Incorrect username or password.',
    );
    await expect(signIn('nobody@example.com')).rejects.toThrow('Incorrect username or password.');
  });

  it('refuses a taken email and a short password', async () => {
    await signUp('ann@example.com');
    await expect(signUp('ann@example.com')).rejects.toMatchObject({ type: 'UsernameExistsException' });
    await expect(signUp('bob@example.com', 'short')).rejects.toMatchObject({
      type: 'InvalidPasswordException',
    });
  });

  it('refreshes tokens with a refresh token, and not after it is revoked', async () => {
    await signUp('ann@example.com');
    const { AuthenticationResult } = (await signIn('ann@example.com')) as {
      AuthenticationResult: Record<string, string>;
    };
    const refresh = () =>
      call('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: AuthenticationResult.RefreshToken },
      });
    expect(await refresh()).toMatchObject({ AuthenticationResult: { AccessToken: expect.any(String) } });
    await call('RevokeToken', { Token: AuthenticationResult.RefreshToken });
    await expect(refresh()).rejects.toMatchObject({ type: 'NotAuthorizedException' });
  });
});
