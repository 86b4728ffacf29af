import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  UnauthenticatedError,
} from '../../shared/errors.js';

export class EmailTakenError extends ConflictError {
  readonly slug = 'email-taken';
  constructor() {
    super('An account with this email exists already.');
  }
}

/** The same answer for an unknown email, a wrong password or an unconfirmed account: no hint which. */
export class InvalidCredentialsError extends UnauthenticatedError {
  readonly slug = 'invalid-credentials';
  constructor() {
    super('The email or password is not correct.');
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  readonly slug = 'invalid-refresh-token';
  constructor() {
    super('The refresh token is not valid; sign in again.');
  }
}

export class PasswordRejectedError extends InvalidInputError {
  readonly slug = 'password-rejected';
  constructor() {
    super('The password does not meet the password policy.', [
      { pointer: '#/password', detail: 'does not meet the password policy' },
    ]);
  }
}

export class InvalidConfirmationCodeError extends InvalidInputError {
  readonly slug = 'invalid-confirmation-code';
  constructor() {
    super('The confirmation code is not valid for this account.', [
      { pointer: '#/code', detail: 'is not valid' },
    ]);
  }
}

export class ProfileNotFoundError extends NotFoundError {
  readonly slug = 'profile-not-found';
  constructor() {
    super('There is no profile for this account.');
  }
}
