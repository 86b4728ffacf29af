import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { boundedByDeadline, SDK_REQUEST_LIMITS } from '../../shared/deadline.js';
import { onFirstUse, sdkPackage } from '../../shared/lazy-sdk.js';
import type { Tokens } from '../contracts/schemas.js';
import {
  EmailTakenError,
  InvalidConfirmationCodeError,
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  PasswordRejectedError,
} from '../domain/errors.js';
import type { IdentityProvider } from '../use-cases/ports.js';

const tokensOf = (
  result: { AccessToken?: string; IdToken?: string; RefreshToken?: string; ExpiresIn?: number } | undefined,
): Tokens => {
  if (!result?.AccessToken || !result.IdToken) throw new Error('The identity provider returned no tokens.');
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

/** The user pool through the Cognito API; the email is the sign-in name. */
export const cognitoIdentity = (
  cognito: () => CognitoIdentityProviderClient,
  pool: { userPoolId: string; clientId: string },
): IdentityProvider => ({
  async signUp({ email, password, name }) {
    const { SignUpCommand, UsernameExistsException, InvalidPasswordException } = cognitoSdk();
    const client = cognito();
    try {
      const result = await client.send(
        new SignUpCommand({
          ClientId: pool.clientId,
          Username: email,
          Password: password,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'name', Value: name },
          ],
        }),
      );
      if (!result.UserSub) throw new Error('The identity provider returned no user id.');
      return { userId: result.UserSub, confirmationRequired: result.UserConfirmed !== true };
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new EmailTakenError();
      if (error instanceof InvalidPasswordException) throw new PasswordRejectedError();
      throw error;
    }
  },

  async confirmSignUp(email, code) {
    const {
      ConfirmSignUpCommand,
      CodeMismatchException,
      ExpiredCodeException,
      UserNotFoundException,
      NotAuthorizedException,
    } = cognitoSdk();
    const client = cognito();
    try {
      await client.send(
        new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: email, ConfirmationCode: code }),
      );
    } catch (error) {
      if (
        error instanceof CodeMismatchException ||
        error instanceof ExpiredCodeException ||
        error instanceof UserNotFoundException ||
        error instanceof NotAuthorizedException
      ) {
        throw new InvalidConfirmationCodeError();
      }
      throw error;
    }
  },

  async logIn(email, password) {
    const { InitiateAuthCommand, NotAuthorizedException, UserNotFoundException, UserNotConfirmedException } =
      cognitoSdk();
    const client = cognito();
    try {
      const result = await client.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: pool.clientId,
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
      return tokensOf(result.AuthenticationResult);
    } catch (error) {
      if (
        error instanceof NotAuthorizedException ||
        error instanceof UserNotFoundException ||
        error instanceof UserNotConfirmedException
      ) {
        throw new InvalidCredentialsError();
      }
      throw error;
    }
  },

  async refresh(refreshToken) {
    const { InitiateAuthCommand, NotAuthorizedException } = cognitoSdk();
    const client = cognito();
    try {
      const result = await client.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: pool.clientId,
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      );
      return tokensOf(result.AuthenticationResult);
    } catch (error) {
      if (error instanceof NotAuthorizedException) throw new InvalidRefreshTokenError();
      throw error;
    }
  },

  async deleteUser(userId) {
    const { AdminDeleteUserCommand } = cognitoSdk();
    await cognito().send(new AdminDeleteUserCommand({ UserPoolId: pool.userPoolId, Username: userId }));
  },
});
