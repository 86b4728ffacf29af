import type { InvokeCommand, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import * as z from 'zod/mini';
import { currentCorrelation } from '../correlation.js';
import { dependencySignal, SDK_REQUEST_LIMITS } from '../deadline.js';
import { TransientError } from '../errors.js';
import { clientOnFirstSend, sdkPackage } from '../lazy-sdk.js';
import type { LambdaHandler } from '../middleware.js';
import { directInvocation } from './saga-task.js';

/**
 * A synchronous read another service publishes: its name, input and output
 * schemas. The owner serves it with `serveContract`; callers use `invokeContract`
 * with the function name the CDK gives them. Neither side sees the other's table.
 */
export interface Contract<I extends z.ZodMiniType, O extends z.ZodMiniType> {
  readonly name: string;
  readonly input: I;
  readonly output: O;
}

export const defineContract = <I extends z.ZodMiniType, O extends z.ZodMiniType>(
  contract: Contract<I, O>,
): Contract<I, O> => contract;

export const serveContract = <I extends z.ZodMiniType, O extends z.ZodMiniType>(
  contract: Contract<I, O>,
  run: (input: z.output<I>) => Promise<z.input<O>>,
): LambdaHandler<unknown, z.output<O>> =>
  directInvocation({ input: invocationOf(contract.input), output: contract.output }, (payload) =>
    run(payload.request),
  );

/** What travels over Lambda Invoke: the request and the caller's correlation id. */
const invocationOf = <I extends z.ZodMiniType>(request: I) =>
  z.object({
    correlationId: z.optional(z.string().check(z.maxLength(128))),
    request,
  }) as unknown as z.ZodMiniType<{
    correlationId?: string;
    request: z.output<I>;
  }>;

export class ContractCallFailedError extends TransientError {
  readonly slug = 'dependency-failed';
}

/** What a contract's caller needs of Lambda: a `LambdaClient`, or a stand-in in tests. */
export interface LambdaInvoker {
  send(command: InvokeCommand, options?: { abortSignal?: AbortSignal }): Promise<InvokeCommandOutput>;
}

const lambdaSdk = () => sdkPackage<typeof import('@aws-sdk/client-lambda')>('@aws-sdk/client-lambda');

/** The Lambda client of a function that reads another service's contract, loaded on its first call. */
export const lambdaInvoker = (): LambdaInvoker =>
  clientOnFirstSend<InvokeCommand, InvokeCommandOutput>(
    () => new (lambdaSdk().LambdaClient)({ requestHandler: SDK_REQUEST_LIMITS }),
  );

export const invokeContract = async <I extends z.ZodMiniType, O extends z.ZodMiniType>(
  client: LambdaInvoker,
  functionName: string,
  contract: Contract<I, O>,
  input: z.input<I>,
): Promise<z.output<O>> => {
  const payload = { correlationId: currentCorrelation().correlationId, request: input };
  const { InvokeCommand } = lambdaSdk();
  // Bounded by the caller's own deadline: a slow callee (a cold start on a busy machine) makes the
  // caller answer 503 in time, not die with it.
  const abortSignal = dependencySignal();
  const response = await client
    .send(
      new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(payload)) }),
      abortSignal ? { abortSignal } : {},
    )
    .catch((error: unknown) => {
      if (abortSignal?.aborted) throw new ContractCallFailedError(`${contract.name} did not answer in time`);
      throw error;
    });
  const text = response.Payload ? Buffer.from(response.Payload).toString('utf8') : 'null';
  if (response.FunctionError) {
    throw new ContractCallFailedError(`${contract.name} failed: ${response.FunctionError}`);
  }
  return contract.output.parse(JSON.parse(text));
};
