import { createLocalJWKSet, jwtVerify } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalCognito } from '../../../../local/identity/cognito.js';
import { totp } from '../../../../local/identity/totp.js';
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
    await call('RevokeToken', { Token: AuthenticationResult.RefreshToken, ClientId: clientId });
    await expect(refresh()).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    // Access tokens of that sign-in stop working at the pool's own API; revoking again is no error.
    await expect(call('GetUser', { AccessToken: AuthenticationResult.AccessToken })).rejects.toThrow(
      'Access Token has been revoked',
    );
    expect(
      await call('RevokeToken', { Token: AuthenticationResult.RefreshToken, ClientId: clientId }),
    ).toEqual({});
  });

  it('refuses passwords with white space at either end, and usernames over 128 characters', async () => {
    await expect(signUp('ann@example.com', ' long enough')).rejects.toMatchObject({
      type: 'InvalidParameterException',
    });
    await expect(signUp('ann@example.com', 'long enough ')).rejects.toMatchObject({
      type: 'InvalidParameterException',
    });
    await expect(signUp(`${'a'.repeat(120)}@example.com`)).rejects.toMatchObject({
      type: 'InvalidParameterException',
    });
  });
});

describe('LocalCognito with codes, as in the cloud', () => {
  let now = Date.parse('2026-12-06T10:00:00Z');
  const lines: string[] = [];
  beforeEach(async () => {
    now = Date.parse('2026-12-06T10:00:00Z');
    lines.length = 0;
    cognito = await LocalCognito.create(assembly, resolver, undefined, {
      signUpConfirmation: 'code',
      log: (line) => lines.push(line),
      now: () => now,
    });
  });
  const lastCode = (email: string, purpose = 'CONFIRM_SIGN_UP') =>
    cognito.messages.filter((m) => m.email === email && m.purpose === purpose).at(-1)?.code ?? '';
  const confirm = (email: string, code: string) =>
    call('ConfirmSignUp', { ClientId: clientId, Username: email, ConfirmationCode: code });
  const tokensOf = async (email: string, password = 'long enough') =>
    ((await signIn(email, password)) as { AuthenticationResult: Record<string, string> })
      .AuthenticationResult;

  it('leaves a sign-up unconfirmed until its emailed code comes back, and prints the code', async () => {
    expect(await signUp('ann@example.com')).toMatchObject({
      UserConfirmed: false,
      CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***' },
    });
    expect(lines).toEqual([expect.stringMatching(/confirmation code for ann@example.com: \d{6}$/)]);
    await expect(signIn('ann@example.com')).rejects.toMatchObject({ type: 'UserNotConfirmedException' });
    await expect(confirm('ann@example.com', '000000x')).rejects.toMatchObject({
      type: 'CodeMismatchException',
    });
    await confirm('ann@example.com', lastCode('ann@example.com'));
    expect(await tokensOf('ann@example.com')).toMatchObject({ AccessToken: expect.any(String) });
    await expect(confirm('ann@example.com', lastCode('ann@example.com'))).rejects.toThrow(
      'User cannot confirm because user status is not UNCONFIRMED.',
    );
  });

  it('resends a code only to an unconfirmed user, and answers an unknown one as if it existed', async () => {
    await signUp('ann@example.com');
    await call('ResendConfirmationCode', { ClientId: clientId, Username: 'ann@example.com' });
    expect(cognito.messages.map((message) => message.email)).toEqual(['ann@example.com', 'ann@example.com']);
    expect(
      await call('ResendConfirmationCode', { ClientId: clientId, Username: 'nobody@example.com' }),
    ).toMatchObject({
      CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' },
    });
    await confirm('ann@example.com', lastCode('ann@example.com'));
    await expect(
      call('ResendConfirmationCode', { ClientId: clientId, Username: 'ann@example.com' }),
    ).rejects.toThrow('User is already confirmed.');
  });

  it('stops taking codes after five wrong ones, and refuses an expired one', async () => {
    await signUp('ann@example.com');
    for (let attempt = 0; attempt < 5; attempt += 1)
      await expect(confirm('ann@example.com', 'wrong')).rejects.toMatchObject({
        type: 'CodeMismatchException',
      });
    await expect(confirm('ann@example.com', lastCode('ann@example.com'))).rejects.toMatchObject({
      type: 'LimitExceededException',
    });
    await call('ResendConfirmationCode', { ClientId: clientId, Username: 'ann@example.com' });
    now += 25 * 3600_000;
    await expect(confirm('ann@example.com', lastCode('ann@example.com'))).rejects.toMatchObject({
      type: 'ExpiredCodeException',
    });
  });

  it('resets a forgotten password with its code, and changes one with the current password', async () => {
    await signUp('ann@example.com');
    await confirm('ann@example.com', lastCode('ann@example.com'));
    await call('ForgotPassword', { ClientId: clientId, Username: 'ann@example.com' });
    expect(
      await call('ForgotPassword', { ClientId: clientId, Username: 'nobody@example.com' }),
    ).toMatchObject({
      CodeDeliveryDetails: { DeliveryMedium: 'EMAIL' },
    });
    await call('ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'ann@example.com',
      ConfirmationCode: lastCode('ann@example.com', 'FORGOT_PASSWORD'),
      Password: 'brand new secret',
    });
    await expect(signIn('ann@example.com')).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    const { AccessToken } = await tokensOf('ann@example.com', 'brand new secret');
    await expect(
      call('ChangePassword', { AccessToken, PreviousPassword: 'wrong', ProposedPassword: 'third secret' }),
    ).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    await call('ChangePassword', {
      AccessToken,
      PreviousPassword: 'brand new secret',
      ProposedPassword: 'third secret',
    });
    expect(await tokensOf('ann@example.com', 'third secret')).toMatchObject({
      AccessToken: expect.any(String),
    });
  });

  it('turns TOTP on after a verified code, then answers sign-in with a challenge only a current code passes', async () => {
    await signUp('ann@example.com');
    await confirm('ann@example.com', lastCode('ann@example.com'));
    const { AccessToken } = await tokensOf('ann@example.com');
    const { SecretCode } = (await call('AssociateSoftwareToken', { AccessToken })) as { SecretCode: string };
    await expect(
      call('SetUserMFAPreference', {
        AccessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    ).rejects.toThrow('User has not verified software token mfa');
    await expect(
      call('VerifySoftwareToken', {
        AccessToken,
        UserCode: '000000' === totp(SecretCode, new Date(now)) ? '111111' : '000000',
      }),
    ).rejects.toMatchObject({
      type: 'EnableSoftwareTokenMFAException',
    });
    expect(
      await call('VerifySoftwareToken', { AccessToken, UserCode: totp(SecretCode, new Date(now)) }),
    ).toEqual({
      Status: 'SUCCESS',
    });
    await call('SetUserMFAPreference', {
      AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    expect(cognito.totpOf('ann@example.com')).toEqual({
      secret: SecretCode,
      code: totp(SecretCode, new Date(now)),
      enabled: true,
    });

    const challenge = (await signIn('ann@example.com')) as { ChallengeName: string; Session: string };
    expect(challenge).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: expect.any(String) });
    const answer = (code: string, session = challenge.Session) =>
      call('RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: 'ann@example.com', SOFTWARE_TOKEN_MFA_CODE: code },
      });
    const stale = totp(SecretCode, new Date(now - 120_000));
    await expect(answer(stale)).rejects.toMatchObject({ type: 'CodeMismatchException' });
    expect(await answer(totp(SecretCode, new Date(now)))).toMatchObject({
      AuthenticationResult: { AccessToken: expect.any(String), RefreshToken: expect.any(String) },
    });
    // A session answers once, and not after three minutes.
    await expect(answer(totp(SecretCode, new Date(now)))).rejects.toMatchObject({
      type: 'NotAuthorizedException',
    });
    const later = (await signIn('ann@example.com')) as { Session: string };
    now += 4 * 60_000;
    await expect(answer(totp(SecretCode, new Date(now)), later.Session)).rejects.toMatchObject({
      type: 'NotAuthorizedException',
    });
  });

  it('signs a user out everywhere: refresh tokens refused, access tokens refused at the pool', async () => {
    await signUp('ann@example.com');
    await confirm('ann@example.com', lastCode('ann@example.com'));
    const tokens = await tokensOf('ann@example.com');
    now += 1000;
    await call('AdminUserGlobalSignOut', { UserPoolId: poolId, Username: 'ann@example.com' });
    await expect(
      call('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: clientId,
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
      }),
    ).rejects.toMatchObject({ type: 'NotAuthorizedException' });
    await expect(call('GetUser', { AccessToken: tokens.AccessToken })).rejects.toThrow(
      'Access Token has been revoked',
    );
  });

  it('lists users by status, a page at a time', async () => {
    for (const name of ['a', 'b', 'c']) await signUp(`${name}@example.com`);
    await confirm('a@example.com', lastCode('a@example.com'));
    const first = (await call('ListUsers', {
      UserPoolId: poolId,
      Filter: 'cognito:user_status = "UNCONFIRMED"',
      Limit: 1,
    })) as { Users: { Username: string }[]; PaginationToken?: string };
    expect(first.Users).toHaveLength(1);
    const second = (await call('ListUsers', {
      UserPoolId: poolId,
      Filter: 'cognito:user_status = "UNCONFIRMED"',
      Limit: 1,
      PaginationToken: first.PaginationToken,
    })) as { Users: { Username: string }[]; PaginationToken?: string };
    expect(second.Users).toHaveLength(1);
    expect(second.PaginationToken).toBeUndefined();
  });
});
