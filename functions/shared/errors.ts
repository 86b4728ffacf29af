/**
 * Error categories. Domain and use-case errors extend one of these; the edges
 * (HTTP, saga tasks, event consumers) decide what a category means for them
 * with `instanceof`, never by comparing names.
 */

/** A JSON pointer into the request plus what is wrong there. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
}

export abstract class ShopError extends Error {
  /** Stable, URL-safe identifier of the problem, e.g. `product-not-found`. */
  abstract readonly slug: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export abstract class InvalidInputError extends ShopError {
  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

export abstract class UnauthenticatedError extends ShopError {}
export abstract class ForbiddenError extends ShopError {}
export abstract class NotFoundError extends ShopError {}
export abstract class ConflictError extends ShopError {}
export abstract class PayloadTooLargeError extends ShopError {}
export abstract class UnsupportedMediaTypeError extends ShopError {}
/** The request is well-formed but contradicts an earlier one (Idempotency-Key reuse). */
export abstract class UnprocessableError extends ShopError {}
/** The caller is asking too much at once; a retry after a short wait may succeed. */
export abstract class TooManyRequestsError extends ShopError {}
/** A backend failed in a way a retry may fix. */
export abstract class TransientError extends ShopError {}

export class RequestValidationError extends InvalidInputError {
  readonly slug = 'validation-failed';
}

export class MalformedJsonError extends InvalidInputError {
  readonly slug = 'malformed-json';
}

export class MissingCallerError extends UnauthenticatedError {
  readonly slug = 'unauthenticated';
}

/**
 * The caller's account was deleted: a token of theirs that has not expired
 * yet (the gateway checks only signature and expiry) opens nothing. Users and
 * orders answer it alike.
 */
export class AccountDeletedError extends UnauthenticatedError {
  readonly slug = 'account-deleted';
  constructor() {
    super('This account has been deleted.');
  }
}

export class AdminOnlyError extends ForbiddenError {
  readonly slug = 'admin-only';
  constructor() {
    super('This operation needs membership of the admin group.');
  }
}

export class BodyTooLargeError extends PayloadTooLargeError {
  readonly slug = 'body-too-large';
}

export class UnsupportedContentTypeError extends UnsupportedMediaTypeError {
  readonly slug = 'unsupported-media-type';
}

export class InvalidCursorError extends InvalidInputError {
  readonly slug = 'invalid-cursor';
  constructor() {
    super('The cursor is not one this API issued for this query.', [
      { pointer: '#/cursor', detail: 'is not a valid cursor for this query' },
    ]);
  }
}

/** An AWS SDK error that the SDK itself marks retryable (throttling, 5xx, timeouts). */
export class BackendUnavailableError extends TransientError {
  readonly slug = 'backend-unavailable';
}

/**
 * A DynamoDB transaction that lost a race with another one on the same item:
 * nothing was written and the same request may succeed a moment later. The
 * SDK does not mark it retryable.
 */
const isTransactionConflict = (error: object): boolean => {
  const { name, CancellationReasons } = error as { name?: unknown; CancellationReasons?: unknown };
  if (name === 'TransactionConflictException') return true;
  return (
    name === 'TransactionCanceledException' &&
    Array.isArray(CancellationReasons) &&
    CancellationReasons.some((reason: { Code?: unknown } | null) => reason?.Code === 'TransactionConflict')
  );
};

/** Throttling as AWS services name it; the SDK retries these, but marks only modeled ones `$retryable`. */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/**
 * A connection that failed or timed out on its way to a service: the SDK
 * tried it again already and gives up with the socket's error, which it does
 * not mark. Nothing says the request was not received, but every write of the
 * shop is conditional or idempotent, so trying the request again is safe.
 */
const NETWORK_FAILURES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

/**
 * Translates what the AWS SDK knows to be transient (its `$retryable`
 * marker, throttling, a fault on the service's side), a connection that
 * failed or timed out, and DynamoDB's transaction conflicts into our
 * category, so the edges can answer 503 without knowing SDK error names.
 */
export const isRetryableSdkError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { $retryable, $fault, name, code } = error as {
    $retryable?: unknown;
    $fault?: unknown;
    name?: unknown;
    code?: unknown;
  };
  return (
    Boolean($retryable) ||
    $fault === 'server' ||
    (typeof name === 'string' && (THROTTLING.has(name) || name === 'TimeoutError')) ||
    (typeof code === 'string' && NETWORK_FAILURES.has(code)) ||
    isTransactionConflict(error)
  );
};
