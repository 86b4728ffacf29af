import '../../../local/stepfunctions/polyfill.js';
import { StateMachine } from 'aws-local-stepfunctions';
import type { SagaResources, StateMachineDefinition } from '../../../state-machines/order-saga.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type TaskStub = (input: Json, attempt: number) => Promise<Json>;

/** ARNs that no real account has: the runner must never reach AWS with them. */
export const stubResources: SagaResources = {
  reserveInventory: 'arn:aws:lambda:us-east-1:000000000000:function:ReserveInventory',
  processPayment: 'arn:aws:lambda:us-east-1:000000000000:function:ProcessPayment',
  confirmOrder: 'arn:aws:lambda:us-east-1:000000000000:function:ConfirmOrder',
  abandonOrder: 'arn:aws:lambda:us-east-1:000000000000:function:AbandonOrder',
  refundPayment: 'arn:aws:lambda:us-east-1:000000000000:function:RefundPayment',
  releaseInventory: 'arn:aws:lambda:us-east-1:000000000000:function:ReleaseInventory',
  cancelOrder: 'arn:aws:lambda:us-east-1:000000000000:function:CancelOrder',
  markNeedsAttention: 'arn:aws:lambda:us-east-1:000000000000:function:MarkNeedsAttention',
  deadLetterQueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/saga-dead-letters',
};

/** An error as a Lambda function reports it: Step Functions matches on its name. */
export const taskError = (name: string, message = name): Error => Object.assign(new Error(message), { name });

export interface RunResult {
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output?: Json;
  readonly error?: string;
  /** Every task call in order, retries included. */
  readonly calls: readonly string[];
  /** The input of the last call of each task. */
  readonly inputs: Readonly<Record<string, Json>>;
}

/**
 * Runs a definition with aws-local-stepfunctions, every Task answered by a
 * stub (by state name; a task without a stub succeeds with `{}`), retries
 * without waiting. Refuses to run a Task it has no stub or default for.
 */
export const runStateMachine = async (
  definition: StateMachineDefinition,
  input: Json,
  stubs: Readonly<Record<string, TaskStub>> = {},
): Promise<RunResult> => {
  const calls: string[] = [];
  const inputs: Record<string, Json> = {};
  const handlers: Record<string, (input: Json) => Promise<Json>> = {};
  const retryIntervalOverrides: Record<string, number[]> = {};
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') continue;
    retryIntervalOverrides[name] = (state.Retry ?? []).map(() => 0);
    handlers[name] = async (taskInput) => {
      const attempt = calls.filter((call) => call === name).length;
      calls.push(name);
      inputs[name] = taskInput;
      const stub = stubs[name];
      return stub ? stub(taskInput, attempt) : {};
    };
  }
  const machine = new StateMachine(definition as never, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides },
    context: { Execution: { Id: 'arn:aws:states:us-east-1:000000000000:execution:OrderSaga:test' } } as never,
  });
  try {
    const output = (await execution.result) as Json;
    return { status: 'SUCCEEDED', output, calls, inputs };
  } catch (error) {
    const failure = error as { name?: string; cause?: { name?: string } };
    return { status: 'FAILED', error: failure.cause?.name ?? failure.name ?? 'Error', calls, inputs };
  }
};
