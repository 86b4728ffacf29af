import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { type LambdaHandler, withHouseMiddleware } from '../middleware.js';
import { parseOrThrow } from '../validation.js';

/**
 * The preset for a function invoked directly (Step Functions task or Lambda
 * Invoke): typed input and output. Errors propagate with their class name as
 * the error type, which is what a state machine's Retry and Catch match on.
 */
export const directInvocation = <I extends z.ZodMiniType, O extends z.ZodMiniType>(
  schemas: { readonly input: I; readonly output: O },
  run: (input: z.output<I>) => Promise<z.input<O>>,
): LambdaHandler<unknown, z.output<O>> =>
  withHouseMiddleware<unknown, z.output<O>>(
    async (event) => schemas.output.parse(await run(parseOrThrow(schemas.input, event))),
    (event) => ({ correlationId: correlationIdIn(event) ?? randomUUID() }),
  );

const carriesCorrelation = z.object({ correlationId: z.string().check(z.minLength(1), z.maxLength(128)) });

const correlationIdIn = (event: unknown): string | undefined => {
  const parsed = carriesCorrelation.safeParse(event);
  return parsed.success ? parsed.data.correlationId : undefined;
};

/** A step of the order saga. Its input carries the order's correlation id. */
export const sagaTask = directInvocation;
