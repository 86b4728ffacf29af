import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import {
  type CognitoIdentityProviderClient,
  NotAuthorizedException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { problemFor } from '../../../../functions/shared/http/problem.js';
import { cognitoIdentity } from '../../../../functions/users/adapters/cognito-identity.js';
import {
  EmailTakenError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
} from '../../../../functions/users/domain/errors.js';
import type { IdentityProvider } from '../../../../functions/users/use-cases/ports.js';

const POOL = { userPoolId: 'pool-1', clientId: 'client-1' };

/** A client that answers every request with `answer`, counting how often it was fetched. */
const fakeCognito = (answer: () => unknown) => {
  const sent: { name: string; input: unknown }[] = [];
  let fetched = 0;
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return answer();
    },
  } as unknown as CognitoIdentityProviderClient;
  return {
    sent,
    fetched: () => fetched,
    cognito: () => {
      fetched++;
      return client;
    },
  };
};

describe('cognitoIdentity', () => {
  it('asks for the client only when it makes a request', async () => {
    const fake = fakeCognito(() => ({ UserSub: 'u-1', UserConfirmed: false }));
    const identity = cognitoIdentity(fake.cognito, POOL);
    expect(fake.fetched()).toBe(0);
    expect(await identity.signUp({ email: 'ann@example.com', password: 'pw', name: 'Ann' })).toEqual({
      userId: 'u-1',
      confirmationRequired: true,
    });
    expect(fake.fetched()).toBe(1);
    expect(fake.sent).toEqual([
      {
        name: 'SignUpCommand',
        input: {
          ClientId: 'client-1',
          Username: 'ann@example.com',
          Password: 'pw',
          UserAttributes: [
            { Name: 'email', Value: 'ann@example.com' },
            { Name: 'name', Value: 'Ann' },
          ],
        },
      },
    ]);
  });

  it('turns Cognito’s refusals into the domain’s errors', async () => {
    const taken = fakeCognito(() => {
      throw new UsernameExistsException({ message: 'exists', $metadata: {} });
    });
    await expect(
      cognitoIdentity(taken.cognito, POOL).signUp({ email: 'a@example.com', password: 'pw', name: 'A' }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    const refused = fakeCognito(() => {
      throw new NotAuthorizedException({ message: 'no', $metadata: {} });
    });
    await expect(cognitoIdentity(refused.cognito, POOL).logIn('a@example.com', 'pw')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
  });
});

/** A client that answers each command by its name, from a script. */
const scripted = (answers: Record<string, (input: Record<string, unknown>) => unknown>) => {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      sent.push({ name, input: command.input });
      const answer = answers[name];
      if (!answer) throw new Error(`unscripted ${name}`);
      return answer(command.input);
    },
  } as unknown as CognitoIdentityProviderClient;
  return { sent, identity: cognitoIdentity(() => client, POOL) };
};

const cognitoError = (name: string, message = name) => {
  const Exception = (sdk as unknown as Record<string, new (options: object) => Error>)[name];
  if (!Exception) throw new Error(`no ${name}`);
  return new Exception({ message, $metadata: {} });
};

/** Every exception class the Cognito SDK models. */
const COGNITO_EXCEPTIONS = Object.entries(sdk)
  .filter(
    ([name, value]) =>
      name.endsWith('Exception') &&
      name !== 'CognitoIdentityProviderServiceException' &&
      typeof value === 'function' &&
      value.prototype instanceof sdk.CognitoIdentityProviderServiceException,
  )
  .map(([name]) => name);

/** Each method of the port, with arguments. */
const CALLS: Record<string, (identity: IdentityProvider) => Promise<unknown>> = {
  signUp: (identity) => identity.signUp({ email: 'a@example.com', password: 'long enough', name: 'A' }),
  confirmSignUp: (identity) => identity.confirmSignUp('a@example.com', '123456'),
  resendCode: (identity) => identity.resendCode('a@example.com'),
  forgotPassword: (identity) => identity.forgotPassword('a@example.com'),
  resetPassword: (identity) => identity.resetPassword('a@example.com', '123456', 'long enough'),
  logIn: (identity) => identity.logIn('a@example.com', 'long enough'),
  answerMfaChallenge: (identity) => identity.answerMfaChallenge('a@example.com', 'session', '123456'),
  refresh: (identity) => identity.refresh('refresh'),
  revoke: (identity) => identity.revoke('refresh'),
  changePassword: (identity) => identity.changePassword('access', 'old password', 'new password'),
  startTotp: (identity) => identity.startTotp('access'),
  enableTotp: (identity) => identity.enableTotp('access', '123456'),
  disableMfa: (identity) => identity.disableMfa('access'),
  deleteIdentity: (identity) => identity.deleteIdentity('u-1'),
  releaseUnconfirmed: (identity) => identity.releaseUnconfirmed('a@example.com'),
  purgeUnconfirmed: (identity) => identity.purgeUnconfirmed(new Date()),
};

describe('cognitoIdentity and every Cognito error', () => {
  it('knows the SDK’s exceptions (the list below is not empty)', () => {
    expect(COGNITO_EXCEPTIONS.length).toBeGreaterThan(40);
    expect(COGNITO_EXCEPTIONS).toContain('CodeMismatchException');
  });

  it.each(Object.keys(CALLS))(
    '%s answers each of them with a 4xx problem or a 503, never a 500',
    async (method) => {
      for (const exception of COGNITO_EXCEPTIONS) {
        const fake = fakeCognito(() => {
          throw cognitoError(exception);
        });
        const outcome = await (CALLS[method] ?? (() => Promise.resolve()))(
          cognitoIdentity(fake.cognito, POOL),
        ).then(
          () => undefined,
          (error: unknown) => error,
        );
        if (outcome === undefined) continue; // answered with silence (no enumeration, nothing to do)
        const { problem } = problemFor(outcome);
        expect(problem.status, `${method} / ${exception}`).not.toBe(500);
      }
    },
  );

  it('maps what the API contract names: a weak password 400, too many attempts 429', async () => {
    const statusOf = async (exception: string, call: (identity: IdentityProvider) => Promise<unknown>) =>
      problemFor(
        await call(
          cognitoIdentity(
            fakeCognito(() => {
              throw cognitoError(exception);
            }).cognito,
            POOL,
          ),
        ).catch((error: unknown) => error),
      ).problem.status;
    expect(await statusOf('InvalidPasswordException', CALLS.signUp as never)).toBe(400);
    expect(await statusOf('LimitExceededException', CALLS.forgotPassword as never)).toBe(429);
    expect(await statusOf('TooManyFailedAttemptsException', CALLS.logIn as never)).toBe(429);
    expect(await statusOf('CodeMismatchException', CALLS.resetPassword as never)).toBe(400);
    expect(await statusOf('NotAuthorizedException', CALLS.changePassword as never)).toBe(401);
    expect(await statusOf('CodeMismatchException', CALLS.answerMfaChallenge as never)).toBe(401);
    expect(await statusOf('EnableSoftwareTokenMFAException', CALLS.enableTotp as never)).toBe(400);
    expect(await statusOf('InternalErrorException', CALLS.logIn as never)).toBe(503);
    expect(await statusOf('ResourceNotFoundException', CALLS.logIn as never)).toBe(503);
  });

  it('answers resend and forgot alike for an unknown, unconfirmed or confirmed email', async () => {
    for (const exception of [
      'UserNotFoundException',
      'InvalidParameterException',
      'NotAuthorizedException',
    ]) {
      const fake = fakeCognito(() => {
        throw cognitoError(exception);
      });
      await expect(cognitoIdentity(fake.cognito, POOL).resendCode('a@example.com')).resolves.toBeUndefined();
      await expect(
        cognitoIdentity(fake.cognito, POOL).forgotPassword('a@example.com'),
      ).resolves.toBeUndefined();
    }
  });

  it('answers an email any identity holds as taken, and frees it only from an unconfirmed identity', async () => {
    const taken = scripted({
      SignUp: () => {
        throw cognitoError('UsernameExistsException');
      },
    });
    await expect(CALLS.signUp?.(taken.identity)).rejects.toBeInstanceOf(EmailTakenError);
    // Sign-up itself deletes nothing.
    expect(taken.sent.map((request) => request.name)).toEqual(['SignUp']);

    const unconfirmed = scripted({
      AdminGetUser: () => ({
        Username: 'u-1',
        UserStatus: 'UNCONFIRMED',
        UserAttributes: [{ Name: 'sub', Value: 'u-1' }],
      }),
      AdminDeleteUser: () => ({}),
    });
    expect(await unconfirmed.identity.releaseUnconfirmed('a@example.com')).toBe(true);
    expect(unconfirmed.sent.map((request) => request.name)).toEqual(['AdminGetUser', 'AdminDeleteUser']);
    expect(unconfirmed.sent[1]?.input).toEqual({ UserPoolId: 'pool-1', Username: 'u-1' });

    const confirmed = scripted({ AdminGetUser: () => ({ Username: 'u-1', UserStatus: 'CONFIRMED' }) });
    expect(await confirmed.identity.releaseUnconfirmed('a@example.com')).toBe(false);
    expect(confirmed.sent.map((request) => request.name)).toEqual(['AdminGetUser']);
  });

  it('treats a confirmation of an identity confirmed before as a retry: it answers with the account', async () => {
    const retry = scripted({
      ConfirmSignUp: () => {
        throw cognitoError(
          'NotAuthorizedException',
          'User cannot confirm because user status is not UNCONFIRMED.',
        );
      },
      AdminGetUser: () => ({
        Username: 'u-1',
        UserStatus: 'CONFIRMED',
        UserAttributes: [
          { Name: 'sub', Value: 'u-1' },
          { Name: 'email', Value: 'a@example.com' },
          { Name: 'name', Value: 'A' },
        ],
      }),
    });
    expect(await retry.identity.confirmSignUp('a@example.com', '000000')).toEqual({
      userId: 'u-1',
      email: 'a@example.com',
      name: 'A',
    });
    const refused = scripted({
      ConfirmSignUp: () => {
        throw cognitoError('NotAuthorizedException', 'User is disabled.');
      },
    });
    await expect(refused.identity.confirmSignUp('a@example.com', '000000')).rejects.toBeInstanceOf(
      InvalidConfirmationCodeError,
    );
  });

  it('answers a sign-in of an account with TOTP on with the challenge and its session', async () => {
    const mfa = scripted({
      InitiateAuth: () => ({
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: 'session-1',
        ChallengeParameters: {},
      }),
      RespondToAuthChallenge: () => ({
        AuthenticationResult: { AccessToken: 'a', IdToken: 'i', RefreshToken: 'r' },
      }),
    });
    expect(await mfa.identity.logIn('a@example.com', 'long enough')).toEqual({
      challenge: 'MFA_REQUIRED',
      session: 'session-1',
    });
    expect(await mfa.identity.answerMfaChallenge('a@example.com', 'session-1', '123456')).toMatchObject({
      accessToken: 'a',
      refreshToken: 'r',
    });
    expect(mfa.sent[1]?.input).toMatchObject({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: 'session-1',
      ChallengeResponses: { USERNAME: 'a@example.com', SOFTWARE_TOKEN_MFA_CODE: '123456' },
    });
  });

  it('signs every session out after a password reset', async () => {
    const reset = scripted({ ConfirmForgotPassword: () => ({}), AdminUserGlobalSignOut: () => ({}) });
    await reset.identity.resetPassword('a@example.com', '123456', 'long enough');
    expect(reset.sent.map((request) => request.name)).toEqual([
      'ConfirmForgotPassword',
      'AdminUserGlobalSignOut',
    ]);
  });
});
