import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { boundedByDeadline, SDK_REQUEST_LIMITS } from '../../shared/deadline.js';
import { isRetryableSdkError, ShopError } from '../../shared/errors.js';
import { onFirstUse, sdkPackage } from '../../shared/lazy-sdk.js';
import { logger } from '../../shared/observability.js';
import type { Tokens } from '../contracts/schemas.js';
import {
  EmailTakenError,
  IdentityInputRejectedError,
  IdentityUnavailableError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  InvalidMfaCodeError,
  InvalidRefreshTokenError,
  InvalidResetCodeError,
  MfaChallengeFailedError,
  PasswordRejectedError,
  PasswordResetRequiredError,
  TooManyAttemptsError,
  TotpNotStartedError,
  WrongPasswordError,
} from '../domain/errors.js';
import type { ConfirmedAccount, IdentityProvider, SignInResult } from '../use-cases/ports.js';

const tokensOf = (
  result: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number } | undefined,
): Tokens => {
  if (!result?.AccessToken || !result.IdToken) throw new IdentityUnavailableError();
  return {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
    expiresIn: result.ExpiresIn ?? 3600,
    tokenType: 'Bearer',
  };
};

/** The SDK's Cognito package, loaded with the first identity request. */
const cognitoSdk = () =>
  sdkPackage<typeof import('@aws-sdk/client-cognito-identity-provider')>(
    '@aws-sdk/client-cognito-identity-provider',
  );

/** The Cognito client, made with the first identity request (not by the profile routes). */
export const cognitoClient = (): (() => CognitoIdentityProviderClient) =>
  onFirstUse(() =>
    boundedByDeadline(
      new (cognitoSdk().CognitoIdentityProviderClient)({ requestHandler: SDK_REQUEST_LIMITS }),
    ),
  );

/** What an operation makes of Cognito's errors by exception name, before the common ones. */
type Particular = Readonly<Record<string, (error: Error) => Error>>;

/**
 * Cognito's exceptions (its API reference lists each operation's) as the
 * users domain's errors. Those an operation gives a meaning of its own come
 * in `particular`; the rest mean the same everywhere. A retryable SDK error
 * is left for the HTTP edge (503); anything else, a provider or set-up
 * failure no retry by the client can fix at once, is also 503, never 500.
 */
const COMMON: Particular = {
  InvalidPasswordException: () => new PasswordRejectedError(),
  PasswordHistoryPolicyViolationException: () => new PasswordRejectedError(),
  LimitExceededException: () => new TooManyAttemptsError(),
  TooManyFailedAttemptsException: () => new TooManyAttemptsError(),
  TooManyRequestsException: () => new TooManyAttemptsError(),
  PasswordResetRequiredException: () => new PasswordResetRequiredError(),
  UsernameExistsException: () => new EmailTakenError(),
  AliasExistsException: () => new EmailTakenError(),
  InvalidParameterException: () => new IdentityInputRejectedError('#'),
};

export const identityFailure = (error: unknown, particular: Particular = {}): Error => {
  if (error instanceof ShopError) return error;
  const name = error instanceof Error ? error.name : '';
  const mapped = particular[name] ?? COMMON[name];
  if (mapped && error instanceof Error) return mapped(error);
  if (isRetryableSdkError(error)) return error as Error;
  // Cognito's own failure, or a set-up it refuses (a missing grant, a wrong pool): 503 for the
  // client, an error for the operators.
  logger.error('The identity provider failed', { error });
  return new IdentityUnavailableError({ cause: error });
};

const attribute = (attributes: { Name?: string; Value?: string }[] | undefined, name: string) =>
  attributes?.find((candidate) => candidate.Name === name)?.Value;

/**
 * Cognito's answer to confirming an identity confirmed before: its status is
 * the point, not the code (a retried confirmation).
 */
const ALREADY_CONFIRMED = /status is not UNCONFIRMED|Current status is CONFIRMED/i;

/** The user pool through the Cognito API; the email is the sign-in name. */
export const cognitoIdentity = (
  cognito: () => CognitoIdentityProviderClient,
  pool: { userPoolId: string; clientId: string },
): IdentityProvider => {
  /** Sends one command, its errors mapped (the command's own output type is the caller's `T`). */
  const send = async <T = unknown>(
    command: (sdk: ReturnType<typeof cognitoSdk>) => object,
    particular: Particular = {},
  ): Promise<T> => {
    try {
      // The commands' types do not fit one signature of `send`; each caller names what it reads.
      return (await cognito().send(command(cognitoSdk()) as never)) as T;
    } catch (error) {
      throw identityFailure(error, particular);
    }
  };

  /** The identity with this email, or undefined when there is none. */
  const account = async (email: string): Promise<(ConfirmedAccount & { status: string }) | undefined> => {
    const user = await send<
      | {
          Username?: string;
          UserAttributes?: { Name?: string; Value?: string }[];
          UserStatus?: string;
        }
      | undefined
    >((sdk) => new sdk.AdminGetUserCommand({ UserPoolId: pool.userPoolId, Username: email }), {
      UserNotFoundException: () => SILENT,
    }).catch((error: unknown) => {
      unlessSilent(error);
      return undefined;
    });
    if (!user) return undefined;
    const userId = attribute(user.UserAttributes, 'sub') ?? user.Username;
    if (!userId) throw new IdentityUnavailableError();
    return {
      userId,
      email: attribute(user.UserAttributes, 'email') ?? email,
      name: attribute(user.UserAttributes, 'name') ?? '',
      status: user.UserStatus ?? 'UNKNOWN',
    };
  };

  const createIdentity = (email: string, password: string, name: string) =>
    send<{ UserSub?: string; UserConfirmed?: boolean }>(
      (sdk) =>
        new sdk.SignUpCommand({
          ClientId: pool.clientId,
          Username: email,
          Password: password,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'name', Value: name },
          ],
        }),
      { InvalidParameterException: () => new IdentityInputRejectedError('#/email') },
    );

  const signInAnswer = (result: {
    AuthenticationResult?: Parameters<typeof tokensOf>[0];
    ChallengeName?: string;
    Session?: string;
  }): SignInResult => {
    if (result.ChallengeName === 'SOFTWARE_TOKEN_MFA' && result.Session)
      return { challenge: 'MFA_REQUIRED' as const, session: result.Session };
    // Any other challenge (a new password required, SMS) is one this API does not offer.
    if (result.ChallengeName) throw new PasswordResetRequiredError();
    return { tokens: tokensOf(result.AuthenticationResult) };
  };

  const deleteIdentity = async (userId: string) => {
    await send((sdk) => new sdk.AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: userId }), {
      UserNotFoundException: () => SILENT,
    }).catch(unlessSilent);
  };

  return {
    deleteIdentity,

    async signUp({ email, password, name }) {
      const result = await createIdentity(email, password, name);
      if (!result.UserSub) throw new IdentityUnavailableError();
      return { userId: result.UserSub, confirmationRequired: result.UserConfirmed !== true };
    },

    async releaseUnconfirmed(email) {
      // Someone signed up with this email and never confirmed it (a typo, or not theirs): it is freed.
      const existing = await account(email);
      if (existing?.status !== 'UNCONFIRMED') return false;
      await deleteIdentity(existing.userId);
      return true;
    },

    async confirmSignUp(email, code) {
      await send(
        (sdk) =>
          new sdk.ConfirmSignUpCommand({ ClientId: pool.clientId, Username: email, ConfirmationCode: code }),
        {
          CodeMismatchException: () => new InvalidConfirmationCodeError(),
          ExpiredCodeException: () => new InvalidConfirmationCodeError(),
          UserNotFoundException: () => new InvalidConfirmationCodeError(),
          InvalidParameterException: () => new InvalidConfirmationCodeError(),
          // Confirmed before: a retry, which goes on to make sure the profile exists.
          NotAuthorizedException: (error) =>
            ALREADY_CONFIRMED.test(error.message) ? SILENT : new InvalidConfirmationCodeError(),
        },
      ).catch(unlessSilent);
      // Deleted between its confirmation and this read: nothing to make a profile of.
      const confirmed = await account(email);
      if (!confirmed) throw new InvalidConfirmationCodeError();
      return { userId: confirmed.userId, email: confirmed.email, name: confirmed.name };
    },

    async resendCode(email) {
      await send(
        (sdk) => new sdk.ResendConfirmationCodeCommand({ ClientId: pool.clientId, Username: email }),
        {
          // Confirmed already, unknown, or no email to send to: the same silence as success.
          InvalidParameterException: () => SILENT,
          UserNotFoundException: () => SILENT,
          NotAuthorizedException: () => SILENT,
        },
      ).catch(unlessSilent);
    },

    async forgotPassword(email) {
      await send((sdk) => new sdk.ForgotPasswordCommand({ ClientId: pool.clientId, Username: email }), {
        InvalidParameterException: () => SILENT,
        UserNotFoundException: () => SILENT,
        NotAuthorizedException: () => SILENT,
      }).catch(unlessSilent);
    },

    async resetPassword(email, code, newPassword) {
      await send(
        (sdk) =>
          new sdk.ConfirmForgotPasswordCommand({
            ClientId: pool.clientId,
            Username: email,
            ConfirmationCode: code,
            Password: newPassword,
          }),
        {
          CodeMismatchException: () => new InvalidResetCodeError(),
          ExpiredCodeException: () => new InvalidResetCodeError(),
          UserNotFoundException: () => new InvalidResetCodeError(),
          NotAuthorizedException: () => new InvalidResetCodeError(),
          InvalidParameterException: () => new IdentityInputRejectedError('#/newPassword'),
        },
      );
      // Whoever knew the old password is signed out too.
      await send(
        (sdk) => new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: pool.userPoolId, Username: email }),
      );
    },

    async logIn(email, password) {
      return signInAnswer(
        await send(
          (sdk) =>
            new sdk.InitiateAuthCommand({
              AuthFlow: 'USER_PASSWORD_AUTH',
              ClientId: pool.clientId,
              AuthParameters: { USERNAME: email, PASSWORD: password },
            }),
          {
            // The same answer for an unknown email, a wrong password or an unconfirmed account.
            NotAuthorizedException: () => new InvalidCredentialsError(),
            UserNotFoundException: () => new InvalidCredentialsError(),
            UserNotConfirmedException: () => new InvalidCredentialsError(),
            InvalidParameterException: () => new InvalidCredentialsError(),
          },
        ),
      );
    },

    async answerMfaChallenge(email, session, code) {
      const answer = signInAnswer(
        await send(
          (sdk) =>
            new sdk.RespondToAuthChallengeCommand({
              ClientId: pool.clientId,
              ChallengeName: 'SOFTWARE_TOKEN_MFA',
              Session: session,
              ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
            }),
          {
            CodeMismatchException: () => new MfaChallengeFailedError('code'),
            ExpiredCodeException: () => new MfaChallengeFailedError('code'),
            NotAuthorizedException: () => new MfaChallengeFailedError('session'),
            UserNotFoundException: () => new MfaChallengeFailedError('session'),
            InvalidParameterException: () => new MfaChallengeFailedError('session'),
          },
        ),
      );
      if (!('tokens' in answer)) throw new MfaChallengeFailedError('session');
      return answer.tokens;
    },

    async refresh(refreshToken) {
      const answer = signInAnswer(
        await send(
          (sdk) =>
            new sdk.InitiateAuthCommand({
              AuthFlow: 'REFRESH_TOKEN_AUTH',
              ClientId: pool.clientId,
              AuthParameters: { REFRESH_TOKEN: refreshToken },
            }),
          {
            NotAuthorizedException: () => new InvalidRefreshTokenError(),
            UserNotFoundException: () => new InvalidRefreshTokenError(),
            InvalidParameterException: () => new InvalidRefreshTokenError(),
          },
        ),
      );
      if (!('tokens' in answer)) throw new InvalidRefreshTokenError();
      return answer.tokens;
    },

    async revoke(refreshToken) {
      await send((sdk) => new sdk.RevokeTokenCommand({ ClientId: pool.clientId, Token: refreshToken }), {
        UnsupportedTokenTypeException: () => new IdentityInputRejectedError('#/refreshToken'),
        UnauthorizedException: () => new IdentityInputRejectedError('#/refreshToken'),
        InvalidParameterException: () => new IdentityInputRejectedError('#/refreshToken'),
      });
    },

    async changePassword(accessToken, currentPassword, newPassword) {
      await send(
        (sdk) =>
          new sdk.ChangePasswordCommand({
            AccessToken: accessToken,
            PreviousPassword: currentPassword,
            ProposedPassword: newPassword,
          }),
        {
          NotAuthorizedException: () => new WrongPasswordError(),
          InvalidParameterException: () => new IdentityInputRejectedError('#/newPassword'),
        },
      );
    },

    async startTotp(accessToken) {
      const { SecretCode } = await send<{ SecretCode?: string }>(
        (sdk) => new sdk.AssociateSoftwareTokenCommand({ AccessToken: accessToken }),
        { NotAuthorizedException: () => new InvalidCredentialsError() },
      );
      if (!SecretCode) throw new IdentityUnavailableError();
      // The name the authenticator app shows beside the code: the account's email.
      const user = await send<{ Username?: string; UserAttributes?: { Name?: string; Value?: string }[] }>(
        (sdk) => new sdk.GetUserCommand({ AccessToken: accessToken }),
        { NotAuthorizedException: () => new InvalidCredentialsError() },
      );
      return { secret: SecretCode, account: attribute(user.UserAttributes, 'email') ?? user.Username ?? '' };
    },

    async enableTotp(accessToken, code) {
      const codeRefused = {
        EnableSoftwareTokenMFAException: () => new InvalidMfaCodeError(),
        CodeMismatchException: () => new InvalidMfaCodeError(),
        SoftwareTokenMFANotFoundException: () => new TotpNotStartedError(),
        InvalidParameterException: () => new TotpNotStartedError(),
        NotAuthorizedException: () => new InvalidCredentialsError(),
      };
      const { Status } = await send<{ Status?: string }>(
        (sdk) => new sdk.VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code }),
        codeRefused,
      );
      if (Status !== 'SUCCESS') throw new InvalidMfaCodeError();
      await send(
        (sdk) =>
          new sdk.SetUserMFAPreferenceCommand({
            AccessToken: accessToken,
            SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
          }),
        codeRefused,
      );
    },

    async disableMfa(accessToken) {
      await send(
        (sdk) =>
          new sdk.SetUserMFAPreferenceCommand({
            AccessToken: accessToken,
            SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
          }),
        { NotAuthorizedException: () => new InvalidCredentialsError() },
      );
    },

    async purgeUnconfirmed(createdBefore) {
      let purged = 0;
      let token: string | undefined;
      // Bounded: 100 pages of 60 (6,000 identities) per run; the next run takes the rest.
      for (let page = 0; page < 100; page += 1) {
        const { Users = [], PaginationToken } = await send<{
          Users?: { Username?: string; UserCreateDate?: Date }[];
          PaginationToken?: string;
        }>(
          (sdk) =>
            new sdk.ListUsersCommand({
              UserPoolId: pool.userPoolId,
              Filter: 'cognito:user_status = "UNCONFIRMED"',
              Limit: 60,
              ...(token ? { PaginationToken: token } : {}),
            }),
        );
        for (const user of Users) {
          if (!user.Username || !user.UserCreateDate || user.UserCreateDate >= createdBefore) continue;
          await deleteIdentity(user.Username);
          purged += 1;
        }
        token = PaginationToken;
        if (!token) break;
      }
      return purged;
    },
  };
};

/** An error an operation answers with silence (no enumeration, or nothing left to do). */
class Silent extends Error {}
const SILENT = new Silent();
const unlessSilent = (error: unknown) => {
  if (!(error instanceof Silent)) throw error;
};
