import type { Context } from 'aws-lambda';
import { TransientError } from './errors.js';

/**
 * Every invocation gives up this long before its function's timeout, with a
 * transient error (a route answers 503 with `Retry-After`), rather than let
 * Lambda kill it (API Gateway would answer 500). Long enough to map the
 * error, log it and publish the metrics on a busy machine.
 */
export const DEADLINE_MARGIN_MS = 1_000;

/** A synchronous call to another service is abandoned this long before the deadline: its caller still answers. */
export const DEPENDENCY_MARGIN_MS = DEADLINE_MARGIN_MS + 500;

export class DeadlineExceededError extends TransientError {
  readonly slug = 'deadline-exceeded';
  constructor() {
    super('The request took too long to finish. Retry shortly (with the same Idempotency-Key, if any).');
  }
}

/**
 * When the current invocation must be done by (epoch ms), from its Lambda
 * context; undefined without one (tests, the simulator). One invocation at a
 * time runs in a Lambda sandbox, so it is the module's.
 */
let deadline: number | undefined;

export const startInvocationDeadline = (
  context: Partial<Pick<Context, 'getRemainingTimeInMillis'>>,
): void => {
  deadline =
    typeof context.getRemainingTimeInMillis === 'function'
      ? Date.now() + context.getRemainingTimeInMillis()
      : undefined;
};

/**
 * An abort signal for a synchronous call to another service: it fires
 * `DEPENDENCY_MARGIN_MS` before the invocation's deadline (at once if that has
 * passed); none without a deadline.
 */
export const dependencySignal = (): AbortSignal | undefined =>
  deadline === undefined
    ? undefined
    : AbortSignal.timeout(Math.max(deadline - Date.now() - DEPENDENCY_MARGIN_MS, 0));

/**
 * How long an SDK client waits to connect and for an answer. The SDK's
 * defaults wait forever; a request cut by these is retried by the SDK.
 */
export const SDK_REQUEST_LIMITS = { connectionTimeout: 3_000, requestTimeout: 10_000 } as const;

/** The part of an SDK client `boundedByDeadline` uses. */
interface SdkClientStack {
  readonly middlewareStack: {
    add(
      middleware: (next: (args: never) => Promise<unknown>) => (args: never) => Promise<unknown>,
      options: { step: 'initialize'; name: string; priority: 'high' },
    ): void;
  };
}

/**
 * An SDK client whose every call, the SDK's own retries included, is
 * abandoned `DEPENDENCY_MARGIN_MS` before the invocation's deadline with
 * `DeadlineExceededError`: the function answers 503 in time rather than die
 * waiting on a slow table or service. Made with `SDK_REQUEST_LIMITS`:
 * `boundedByDeadline(new DynamoDBClient({ requestHandler: SDK_REQUEST_LIMITS }))`.
 */
export const boundedByDeadline = <C extends SdkClientStack>(client: C): C => {
  client.middlewareStack.add(
    (next) => (args) => {
      const signal = dependencySignal();
      if (!signal) return next(args);
      if (signal.aborted) return Promise.reject(new DeadlineExceededError());
      return new Promise((resolve, reject) => {
        const giveUp = () => reject(new DeadlineExceededError());
        signal.addEventListener('abort', giveUp, { once: true });
        next(args)
          .then(resolve, reject)
          .finally(() => signal.removeEventListener('abort', giveUp));
      });
    },
    { step: 'initialize', name: 'invocationDeadline', priority: 'high' },
  );
  return client;
};
