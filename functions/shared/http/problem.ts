import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  InvalidInputError,
  isRetryableSdkError,
  NotFoundError,
  PayloadTooLargeError,
  ShopError,
  TooManyRequestsError,
  TransientError,
  UnauthenticatedError,
  UnprocessableError,
  UnsupportedMediaTypeError,
} from '../errors.js';

export const PROBLEM_TYPE_BASE = 'https://serverless-shop.dev/problems/';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

type ErrorCategory = abstract new (...args: never[]) => ShopError;

/** The one place where an error category becomes an HTTP status. */
const STATUS_BY_CATEGORY: ReadonlyArray<readonly [ErrorCategory, number, string]> = [
  [InvalidInputError, 400, 'Bad Request'],
  [UnauthenticatedError, 401, 'Unauthorized'],
  [ForbiddenError, 403, 'Forbidden'],
  [NotFoundError, 404, 'Not Found'],
  [ConflictError, 409, 'Conflict'],
  [PayloadTooLargeError, 413, 'Content Too Large'],
  [UnsupportedMediaTypeError, 415, 'Unsupported Media Type'],
  [UnprocessableError, 422, 'Unprocessable Content'],
  [TooManyRequestsError, 429, 'Too Many Requests'],
  [TransientError, 503, 'Service Unavailable'],
];

/** Seconds a client should wait before retrying a 503 or a 429. */
const RETRY_AFTER_SECONDS: Readonly<Record<number, string>> = { 429: '5', 503: '1' };

export interface ProblemResponse {
  readonly problem: Problem;
  /** True when the failure is ours (a bug or an unexpected backend state), so it must be logged as an error. */
  readonly unexpected: boolean;
}

export const problemFor = (error: unknown): ProblemResponse => {
  if (error instanceof ShopError) {
    const match = STATUS_BY_CATEGORY.find(([category]) => error instanceof category);
    if (match) {
      const [category, status, title] = match;
      return {
        problem: {
          type: PROBLEM_TYPE_BASE + error.slug,
          title,
          status,
          detail: error.message,
          ...(category === InvalidInputError && error instanceof InvalidInputError && error.errors.length > 0
            ? { errors: error.errors }
            : {}),
        },
        unexpected: false,
      };
    }
  }
  if (isRetryableSdkError(error)) {
    return {
      problem: {
        type: `${PROBLEM_TYPE_BASE}backend-unavailable`,
        title: 'Service Unavailable',
        status: 503,
        detail: 'A backend service is temporarily unavailable. Retry shortly.',
      },
      unexpected: false,
    };
  }
  return {
    problem: {
      type: `${PROBLEM_TYPE_BASE}internal-error`,
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong on our side. The error has been logged.',
    },
    unexpected: true,
  };
};

export const problemResponse = (
  problem: Problem,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode: problem.status,
  headers: {
    'content-type': 'application/problem+json',
    ...(RETRY_AFTER_SECONDS[problem.status] ? { 'retry-after': RETRY_AFTER_SECONDS[problem.status] } : {}),
    ...headers,
  },
  body: JSON.stringify(problem),
});
