import { describe, expect, it } from 'vitest';
import { LocalCloudError } from '../../../../local/errors.js';
import type { FunctionInvoker, InvocationResult } from '../../../../local/lambda/functions.js';
import { logRecords, noLogs } from '../../../../local/stepfunctions/log-records.js';
import { LocalStepFunctions } from '../../../../local/stepfunctions/state-machines.js';
import { UsageMeter } from '../../../../local/usage.js';
import { fakeAssembly, resolverFor } from '../../../support/local/fake-assembly.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:Test-${name}`;

/** A saga in miniature: reserve, charge (retrying a transient error), confirm; a decline compensates. */
const definition = {
  StartAt: 'Reserve',
  States: {
    Reserve: { Type: 'Task', Resource: arn('Reserve'), ResultPath: '$.reservation', Next: 'Charge' },
    Charge: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: arn('Charge'), 'Payload.$': '$' },
      ResultSelector: { 'charge.$': '$.Payload' },
      ResultPath: '$.payment',
      Retry: [{ ErrorEquals: ['TransientError'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['PaymentDeclinedError'], ResultPath: '$.error', Next: 'Release' }],
      Next: 'Done',
    },
    Release: { Type: 'Task', Resource: arn('Release'), Next: 'Cancelled' },
    Cancelled: { Type: 'Fail', Error: 'Cancelled', Cause: 'payment declined' },
    Done: { Type: 'Succeed' },
  },
};

const stubFunctions = (behaviour: Record<string, (event: unknown, call: number) => InvocationResult>) => {
  const calls: Record<string, number> = {};
  const invoker: FunctionInvoker = {
    find: (nameOrArn) => {
      const name = Object.keys(behaviour).find((candidate) => arn(candidate) === nameOrArn);
      return name ? { name, arn: arn(name) } : undefined;
    },
    invoke: async (nameOrArn, event) => {
      const name = Object.keys(behaviour).find((candidate) => arn(candidate) === nameOrArn) ?? '';
      calls[name] = (calls[name] ?? 0) + 1;
      return (
        behaviour[name]?.(event, calls[name] ?? 1) ?? {
          ok: false,
          error: { errorType: 'NotFound', errorMessage: name },
        }
      );
    },
  };
  return { invoker, calls };
};

const ok = (payload: unknown): InvocationResult => ({ ok: true, payload });
const fail = (errorType: string): InvocationResult => ({
  ok: false,
  error: { errorType, errorMessage: errorType },
});

const machineAssembly = (machine: object = definition, type = 'STANDARD') =>
  fakeAssembly({
    Saga: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { DefinitionString: JSON.stringify(machine), StateMachineType: type },
      Metadata: { 'aws:cdk:path': 'Test/Saga/Resource' },
    },
  });

const noServices = {
  sendMessage: () => undefined,
  putEvents: () => ({ FailedEntryCount: 0 }),
  dynamodb: async () => ({}),
};

const buildMachines = (
  assembly: ReturnType<typeof machineAssembly>,
  invoker: FunctionInvoker,
  usage?: UsageMeter,
) =>
  new LocalStepFunctions(assembly, resolverFor(assembly), invoker, noServices, {
    timeScale: 0.001,
    ...(usage ? { usage } : {}),
  });

const run = async (behaviour: Parameters<typeof stubFunctions>[0], name = 'order-1', usage?: UsageMeter) => {
  const assembly = machineAssembly();
  const { invoker, calls } = stubFunctions(behaviour);
  const sfn = buildMachines(assembly, invoker, usage);
  const { executionArn } = sfn.start('Test-Saga', JSON.stringify({ orderId: name }), name);
  for (let attempt = 0; attempt < 200 && sfn.list()[0]?.status === 'RUNNING'; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { sfn, calls, execution: sfn.list().find((candidate) => candidate.executionArn === executionArn) };
};

describe('LocalStepFunctions', () => {
  it('aborts what is still running when the local cloud stops, leaving no wait behind', async () => {
    const waiting = {
      StartAt: 'Wait',
      States: { Wait: { Type: 'Wait', Seconds: 10_000_000, Next: 'Done' }, Done: { Type: 'Succeed' } },
    };
    const sfn = buildMachines(machineAssembly(waiting), stubFunctions({}).invoker);
    sfn.start('Test-Saga', '{}', 'long-wait');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sfn.list()[0]?.status).toBe('RUNNING');
    sfn.stop();
    for (let attempt = 0; attempt < 200 && !sfn.list()[0]?.stopDate; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(sfn.list()[0]).toMatchObject({
      status: 'ABORTED',
      error: 'LocalCloudStopped',
      stopDate: expect.any(Date),
    });
  });

  it('runs every step with local functions and succeeds', async () => {
    const { execution, calls } = await run({
      Reserve: () => ok({ reserved: true }),
      Charge: () => ok({ charged: 100 }),
      Release: () => ok({}),
    });
    expect(execution?.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution?.output ?? '{}')).toEqual({
      orderId: 'order-1',
      reservation: { reserved: true },
      payment: { charge: { charged: 100 } },
    });
    expect(calls).toEqual({ Reserve: 1, Charge: 1 });
  });

  it('retries a transient error by its name, then succeeds', async () => {
    const { execution, calls } = await run({
      Reserve: () => ok({}),
      Charge: (_, call) => (call === 1 ? fail('TransientError') : ok({ charged: 100 })),
      Release: () => ok({}),
    });
    expect(execution?.status).toBe('SUCCEEDED');
    expect(calls.Charge).toBe(2);
  });

  it('catches a business error by its name and runs the compensation', async () => {
    const { execution, calls } = await run({
      Reserve: () => ok({}),
      Charge: () => fail('PaymentDeclinedError'),
      Release: () => ok({}),
    });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Cancelled' });
    expect(calls).toEqual({ Reserve: 1, Charge: 1, Release: 1 });
  });

  it('records the execution history', async () => {
    const { sfn, execution } = await run({
      Reserve: () => ok({}),
      Charge: () => ok({}),
      Release: () => ok({}),
    });
    const getHistory = sfn.service.operations.GetExecutionHistory;
    if (!getHistory) throw new Error('GetExecutionHistory is not served');
    const { events } = (await getHistory({ executionArn: execution?.executionArn })) as {
      events: { type: string }[];
    };
    expect(events[0]?.type).toBe('ExecutionStarted');
    expect(events.map((event) => event.type)).toContain('TaskStateEntered');
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('prices its log as the records of every invocation attempt, at every level, with and without execution data', async () => {
    const meter = new UsageMeter();
    const { execution, calls } = await run(
      {
        Reserve: () => ok({}),
        Charge: (_, call) => (call === 1 ? fail('TransientError') : fail('PaymentDeclinedError')),
        Release: () => ok({}),
      },
      'order-1',
      meter,
    );
    if (!execution) throw new Error('no execution');
    const records = logRecords(execution.history, {
      executionArn: execution.executionArn,
      includeExecutionData: false,
      resources: {},
    });
    const invocations = Object.values(calls).reduce((total, count) => total + count, 0);
    expect(invocations).toBe(4);
    expect(records.filter((record) => record.type === 'LambdaFunctionScheduled')).toHaveLength(invocations);
    expect(records.filter((record) => record.type === 'LambdaFunctionSucceeded')).toHaveLength(2);
    expect(records.filter((record) => record.type === 'LambdaFunctionFailed')).toHaveLength(2);
    const usage = Object.values(meter.snapshot().stateMachines)[0];
    const { ALL, ERROR, FATAL } = usage?.logBytes ?? noLogs();
    expect(ALL.withoutData).toBeGreaterThan(0);
    expect(ALL.withData).toBeGreaterThan(ALL.withoutData);
    // The failed attempts' records and the execution's failure; at FATAL, the latter alone.
    expect(ERROR.withoutData).toBeGreaterThan(FATAL.withoutData);
    expect(ALL.withoutData).toBeGreaterThan(ERROR.withoutData);
    expect(FATAL.withoutData).toBeGreaterThan(0);
  });

  it('starts a name once: a second start with that name is refused', async () => {
    const { sfn } = await run({ Reserve: () => ok({}), Charge: () => ok({}), Release: () => ok({}) });
    expect(() => sfn.start('Test-Saga', JSON.stringify({ orderId: 'order-1' }), 'order-1')).toThrow(
      /Execution Already Exists/,
    );
    expect(sfn.list()).toHaveLength(1);
  });

  it('refuses a machine with a Task it cannot run locally, since it would call real AWS', () => {
    const assembly = machineAssembly({
      StartAt: 'Publish',
      States: { Publish: { Type: 'Task', Resource: 'arn:aws:states:::sns:publish', End: true } },
    });
    const { invoker } = stubFunctions({});
    expect(() => buildMachines(assembly, invoker)).toThrow(LocalCloudError);
  });

  it('refuses a JSONata machine, which the local runner cannot execute', () => {
    const assembly = machineAssembly({
      QueryLanguage: 'JSONata',
      StartAt: 'Done',
      States: { Done: { Type: 'Succeed' } },
    });
    const { invoker } = stubFunctions({});
    expect(() => buildMachines(assembly, invoker)).toThrow(/JSONata/);
  });
});
