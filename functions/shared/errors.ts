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
 * Translates the AWS SDK's own retryable marker into our category, so the
 * edges can answer 503 without knowing SDK error names.
 */
export const isRetryableSdkError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && '$retryable' in error && Boolean(error.$retryable);
