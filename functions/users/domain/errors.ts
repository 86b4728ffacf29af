import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  TooManyRequestsError,
  TransientError,
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

export class InvalidResetCodeError extends InvalidInputError {
  readonly slug = 'invalid-reset-code';
  constructor() {
    super('The reset code is wrong or has expired; ask for a new one.', [
      { pointer: '#/code', detail: 'is wrong or has expired' },
    ]);
  }
}

export class InvalidMfaCodeError extends InvalidInputError {
  readonly slug = 'invalid-mfa-code';
  constructor() {
    super('The code is not the one the authenticator app shows now.', [
      { pointer: '#/code', detail: 'does not match' },
    ]);
  }
}

/** The code of an MFA challenge was wrong, or its session is over: sign in again. */
export class MfaChallengeFailedError extends UnauthenticatedError {
  readonly slug = 'mfa-challenge-failed';
  constructor(reason: 'code' | 'session') {
    super(
      reason === 'code'
        ? 'The code is not the one the authenticator app shows now.'
        : 'The sign-in session is over; sign in again.',
    );
  }
}

export class WrongPasswordError extends UnauthenticatedError {
  readonly slug = 'wrong-password';
  constructor() {
    super('The current password is not correct.');
  }
}

export class TotpNotStartedError extends ConflictError {
  readonly slug = 'totp-not-started';
  constructor() {
    super('Ask for a TOTP secret first (POST /me/mfa/totp), then verify a code from it.');
  }
}

export class PasswordResetRequiredError extends UnauthenticatedError {
  readonly slug = 'password-reset-required';
  constructor() {
    super('This account must choose a new password: use POST /auth/password/forgot.');
  }
}

/** Too many wrong codes or passwords, or too many messages asked for: the provider's limit. */
export class TooManyAttemptsError extends TooManyRequestsError {
  readonly slug = 'too-many-attempts';
  constructor() {
    super('Too many attempts for this account; wait a while before trying again.');
  }
}

/** The identity provider refused a value the API's schema let through (its own rules). */
export class IdentityInputRejectedError extends InvalidInputError {
  readonly slug = 'identity-input-rejected';
  constructor(pointer: string) {
    super('The identity provider does not accept this value.', [
      { pointer, detail: 'is not accepted by the identity provider' },
    ]);
  }
}

/** The identity provider failed, or is set up wrong: nothing changed, and a retry may succeed. */
export class IdentityUnavailableError extends TransientError {
  readonly slug = 'identity-unavailable';
  constructor(options?: ErrorOptions) {
    super('The identity provider is not available right now. Retry shortly.', options);
  }
}

export class OpenOrdersError extends ConflictError {
  readonly slug = 'open-orders';
  constructor() {
    super(
      'The account has an order that is pending or confirmed; it can be deleted once that order has ended.',
    );
  }
}

export class UserNotFoundError extends NotFoundError {
  readonly slug = 'user-not-found';
  constructor() {
    super('There is no user with this id.');
  }
}
