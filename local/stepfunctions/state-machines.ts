import './polyfill.js';
import { randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { AwsServiceError, type JsonService } from '../aws-endpoint.js';
import { LocalCloudError } from '../errors.js';
import type { FunctionInvoker } from '../lambda/functions.js';
import { type CloudAssembly, displayNameOf, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import type { UsageMeter } from '../usage.js';
import { logSizes, noLogs } from './log-records.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface StateDefinition {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Retry?: { IntervalSeconds?: number }[];
  Seconds?: number;
  Branches?: MachineDefinition[];
  Iterator?: MachineDefinition;
  ItemProcessor?: MachineDefinition;
}

interface MachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  QueryLanguage?: string;
}

export interface ServiceIntegrations {
  /** `arn:aws:states:::sqs:sendMessage` */
  sendMessage(queueUrl: string, body: string): void;
  /** `arn:aws:states:::events:putEvents` */
  putEvents(entries: Record<string, unknown>[]): { FailedEntryCount: number };
  /** `arn:aws:states:::dynamodb:<operation>` */
  dynamodb(operation: string, input: Record<string, unknown>): Promise<Json>;
}

type TaskHandler = (input: Json) => Promise<Json>;

interface Execution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  readonly history: Record<string, unknown>[];
  abort?: () => void;
}

interface Machine {
  readonly arn: string;
  readonly name: string;
  readonly displayName: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: MachineDefinition;
  readonly handlers: Record<string, TaskHandler>;
  readonly runner: StateMachine;
}

/** A function's error, named as Step Functions names it, so Retry and Catch match on it. */
class TaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

const allStates = (definition: MachineDefinition): [string, StateDefinition][] =>
  Object.entries(definition.States).flatMap(([name, state]) => [
    [name, state] as [string, StateDefinition],
    ...(state.Branches ?? []).flatMap(allStates),
    ...(state.Iterator ? allStates(state.Iterator) : []),
    ...(state.ItemProcessor ? allStates(state.ItemProcessor) : []),
  ]);

/**
 * The local Step Functions: the template's state machines, run by
 * aws-local-stepfunctions with every Task wired to a local handler (a local
 * Lambda function or a local service). A Task it cannot wire would call real
 * AWS, so such a machine is refused at start-up.
 */
export class LocalStepFunctions {
  private readonly machines: Machine[];
  private readonly executions: Execution[] = [];

  constructor(
    assembly: CloudAssembly,
    resolver: TemplateResolver,
    private readonly functions: FunctionInvoker,
    private readonly integrations: ServiceIntegrations,
    private readonly options: {
      timeScale?: number;
      log?: (line: string) => void;
      /** Counts executions, their state transitions and duration. */
      usage?: UsageMeter;
    } = {},
  ) {
    this.machines = resourcesOfType(assembly, 'AWS::StepFunctions::StateMachine').map(
      ({ stackName, logicalId, resource }) => {
        const props = resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>;
        let text =
          typeof props.DefinitionString === 'string'
            ? props.DefinitionString
            : JSON.stringify(props.Definition);
        for (const [name, value] of Object.entries(
          (props.DefinitionSubstitutions ?? {}) as Record<string, string>,
        )) {
          text = text.replaceAll(`\${${name}}`, value);
        }
        const definition = JSON.parse(text) as MachineDefinition;
        if (definition.QueryLanguage === 'JSONata') {
          throw new LocalCloudError(
            `State machine ${logicalId} uses JSONata; the local runner executes JSONPath machines only.`,
          );
        }
        const name = resolver.physicalName(stackName, logicalId);
        const handlers = this.handlersFor(logicalId, definition);
        return {
          arn: resolver.ref(stackName, logicalId),
          name,
          displayName: displayNameOf(resource, logicalId),
          type: props.StateMachineType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
          definition,
          handlers,
          runner: new StateMachine(definition as never, {
            validationOptions: { checkArn: false, checkPaths: true },
          }),
        };
      },
    );
  }

  get count(): number {
    return this.machines.length;
  }

  private handlersFor(machineId: string, definition: MachineDefinition): Record<string, TaskHandler> {
    const handlers: Record<string, TaskHandler> = {};
    for (const [stateName, state] of allStates(definition)) {
      if (state.Type !== 'Task') continue;
      const resource = state.Resource ?? '';
      const handler = this.taskHandler(resource);
      if (!handler) {
        throw new LocalCloudError(
          `State machine ${machineId}: Task ${stateName} calls ${resource}, which the local cloud cannot run; it would call real AWS.`,
        );
      }
      handlers[stateName] = handler;
    }
    return handlers;
  }

  private invokeFunction = async (name: string, payload: Json): Promise<Json> => {
    const result = await this.functions.invoke(name, payload);
    if (!result.ok) throw new TaskError(result.error.errorType, result.error.errorMessage);
    return result.payload as Json;
  };

  private taskHandler(resource: string): TaskHandler | undefined {
    if (this.functions.find(resource)) return (input) => this.invokeFunction(resource, input);
    if (resource === 'arn:aws:states:::lambda:invoke') {
      return async (input) => {
        const { FunctionName, Payload } = input as { FunctionName: string; Payload: Json };
        if (!this.functions.find(FunctionName))
          throw new TaskError('Lambda.ResourceNotFoundException', `Function not found: ${FunctionName}`);
        const payload = await this.invokeFunction(FunctionName, Payload);
        return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
      };
    }
    if (resource === 'arn:aws:states:::sqs:sendMessage') {
      return async (input) => {
        const { QueueUrl, MessageBody } = input as { QueueUrl: string; MessageBody: Json };
        this.integrations.sendMessage(
          QueueUrl,
          typeof MessageBody === 'string' ? MessageBody : JSON.stringify(MessageBody),
        );
        return { MessageId: randomUUID() };
      };
    }
    if (resource === 'arn:aws:states:::events:putEvents') {
      return async (input) => {
        const { Entries } = input as { Entries: Record<string, unknown>[] };
        const entries = Entries.map((entry) => ({
          ...entry,
          Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail),
        }));
        const result = this.integrations.putEvents(entries);
        if (result.FailedEntryCount > 0)
          throw new TaskError('EventBridge.FailedEntry', 'Some entries were not put.');
        return result as unknown as Json;
      };
    }
    const dynamodb = /^arn:aws:states:::dynamodb:(getItem|putItem|updateItem|deleteItem)$/.exec(resource);
    if (dynamodb?.[1]) {
      const operation = dynamodb[1];
      return (input) => this.integrations.dynamodb(operation, input as Record<string, unknown>);
    }
    return undefined;
  }

  private overridesFor(machine: Machine) {
    const scale = this.options.timeScale ?? 1;
    if (scale === 1) return {};
    const waitTimeOverrides: Record<string, number> = {};
    const retryIntervalOverrides: Record<string, number[]> = {};
    for (const [name, state] of allStates(machine.definition)) {
      if (state.Type === 'Wait' && typeof state.Seconds === 'number')
        waitTimeOverrides[name] = state.Seconds * 1000 * scale;
      if (state.Retry)
        retryIntervalOverrides[name] = state.Retry.map(
          (retrier) => (retrier.IntervalSeconds ?? 1) * 1000 * scale,
        );
    }
    return { waitTimeOverrides, retryIntervalOverrides };
  }

  private machine(arn: unknown): Machine {
    const machine = this.machines.find((candidate) => candidate.arn === arn || candidate.name === arn);
    if (!machine)
      throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return machine;
  }

  private execution(arn: unknown): Execution {
    const execution = this.executions.find((candidate) => candidate.executionArn === arn);
    if (!execution)
      throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return execution;
  }

  /**
   * Starts an execution. Names are unique per Standard machine: the same name
   * and input while it runs answers with the same execution; otherwise a
   * reused name is refused, so a duplicate start cannot run twice.
   */
  start(stateMachineArn: string, input: string, name?: string): { executionArn: string; startDate: number } {
    const machine = this.machine(stateMachineArn);
    const executionName = name ?? randomUUID();
    if (!/^[\w-]{1,80}$/.test(executionName))
      throw new AwsServiceError('InvalidName', `Invalid Name: '${executionName}'`);
    const executionArn =
      machine.arn.replace(':stateMachine:', `:${machine.type === 'EXPRESS' ? 'express' : 'execution'}:`) +
      `:${executionName}`;
    if (machine.type === 'STANDARD') {
      const existing = this.executions.find((candidate) => candidate.executionArn === executionArn);
      if (existing) {
        if (existing.status === 'RUNNING' && existing.input === input) {
          return { executionArn, startDate: existing.startDate.getTime() / 1000 };
        }
        throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(input) as Json;
    } catch {
      throw new AwsServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input');
    }
    const execution: Execution = {
      executionArn: machine.type === 'EXPRESS' ? `${executionArn}:${randomUUID()}` : executionArn,
      stateMachineArn: machine.arn,
      name: executionName,
      input,
      startDate: new Date(),
      status: 'RUNNING',
      history: [],
    };
    this.executions.push(execution);
    void this.run(machine, execution, parsed);
    return { executionArn: execution.executionArn, startDate: execution.startDate.getTime() / 1000 };
  }

  private async run(machine: Machine, execution: Execution, input: Json): Promise<void> {
    const { result, eventLogs, abort } = machine.runner.run(input, {
      overrides: { taskResourceLocalHandlers: machine.handlers, ...this.overridesFor(machine) },
      context: {
        Execution: {
          Id: execution.executionArn,
          Name: execution.name,
          StartTime: execution.startDate.toISOString(),
          Input: input,
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
      } as never,
    });
    execution.abort = abort;
    const recording = (async () => {
      let id = 0;
      for await (const event of eventLogs) {
        execution.history.push({
          id: ++id,
          timestamp: new Date(event.timestamp).getTime() / 1000,
          ...describeEvent(event as unknown as { type: string } & Record<string, unknown>),
        });
      }
    })();
    try {
      const output = await result;
      execution.status = 'SUCCEEDED';
      execution.output = JSON.stringify(output);
    } catch (error) {
      const failure = error as {
        name?: string;
        message?: string;
        cause?: { name?: string; message?: string };
      };
      if (execution.status !== 'ABORTED') {
        execution.status = failure.name === 'ExecutionTimeoutError' ? 'TIMED_OUT' : 'FAILED';
        execution.error = failure.cause?.name ?? failure.name ?? 'Error';
        execution.cause = failure.cause?.message ?? failure.message ?? '';
        this.options.log?.(
          `StepFunctions | ${machine.displayName} ${execution.name} ${execution.status}: ${execution.error}`,
        );
      }
    } finally {
      execution.stopDate = new Date();
      await recording.catch(() => undefined);
      this.options.usage?.execution(machine.displayName, machine.type, {
        transitions: execution.history.filter(({ type }) => /StateEntered$|^TaskRetried$/.test(String(type)))
          .length,
        durationMs: execution.stopDate.getTime() - execution.startDate.getTime(),
        logBytes: this.options.usage ? this.logSizes(machine, execution) : noLogs(),
      });
    }
  }

  /** What the execution would log at each level, without and with its execution data. */
  private logSizes(machine: Machine, execution: Execution) {
    const resources = Object.fromEntries(
      allStates(machine.definition).flatMap(([name, state]) =>
        state.Resource ? [[name, state.Resource]] : [],
      ),
    );
    return logSizes(execution.history, { executionArn: execution.executionArn, resources });
  }

  /** Executions, for tests and the operations commands. */
  /**
   * Ends every running execution with the local cloud, as `--persist` promises
   * (what was in flight ends): each is aborted, so no wait or retry timer of
   * its is left to keep the process alive.
   */
  stop(): void {
    for (const execution of this.executions) {
      if (execution.status !== 'RUNNING') continue;
      execution.status = 'ABORTED';
      execution.error = 'LocalCloudStopped';
      execution.abort?.();
    }
  }

  list(stateMachineArn?: string): readonly Execution[] {
    return this.executions.filter(
      (execution) => !stateMachineArn || execution.stateMachineArn === stateMachineArn,
    );
  }

  private describeExecution(execution: Execution) {
    return {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: execution.startDate.getTime() / 1000,
      ...(execution.stopDate ? { stopDate: execution.stopDate.getTime() / 1000 } : {}),
      input: execution.input,
      ...(execution.output !== undefined ? { output: execution.output } : {}),
      ...(execution.error !== undefined ? { error: execution.error, cause: execution.cause } : {}),
    };
  }

  readonly service: JsonService = {
    targetPrefix: 'AWSStepFunctions',
    operations: {
      StartExecution: ({ stateMachineArn, input, name }) =>
        this.start(
          String(stateMachineArn),
          typeof input === 'string' ? input : '{}',
          typeof name === 'string' ? name : undefined,
        ),
      DescribeExecution: ({ executionArn }) => this.describeExecution(this.execution(executionArn)),
      GetExecutionHistory: ({ executionArn, reverseOrder }) => {
        const events = [...this.execution(executionArn).history];
        return { events: reverseOrder ? events.reverse() : events };
      },
      ListExecutions: ({ stateMachineArn, statusFilter }) => ({
        executions: this.list(String(stateMachineArn))
          .filter((execution) => !statusFilter || execution.status === statusFilter)
          .map((execution) => this.describeExecution(execution)),
      }),
      StopExecution: ({ executionArn, error, cause }) => {
        const execution = this.execution(executionArn);
        if (execution.status === 'RUNNING') {
          execution.status = 'ABORTED';
          execution.error = typeof error === 'string' ? error : undefined;
          execution.cause = typeof cause === 'string' ? cause : undefined;
          execution.abort?.();
        }
        return { stopDate: Date.now() / 1000 };
      },
      ListStateMachines: () => ({
        stateMachines: this.machines.map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: machine.type,
        })),
      }),
      DescribeStateMachine: ({ stateMachineArn }) => {
        const machine = this.machine(stateMachineArn);
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          type: machine.type,
          definition: JSON.stringify(machine.definition),
          status: 'ACTIVE',
        };
      },
    },
  };
}

/** A library event log entry as a GetExecutionHistory event. */
const describeEvent = (event: { type: string } & Record<string, unknown>): Record<string, unknown> => {
  const state = event.state as
    | { name?: string; type?: string; input?: unknown; output?: unknown }
    | undefined;
  const details = (key: string, body: Record<string, unknown>) => ({ [key]: body });
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        type: 'ExecutionStarted',
        ...details('executionStartedEventDetails', { input: JSON.stringify(event.input ?? null) }),
      };
    case 'ExecutionSucceeded':
      return {
        type: 'ExecutionSucceeded',
        ...details('executionSucceededEventDetails', { output: JSON.stringify(event.output ?? null) }),
      };
    case 'ExecutionFailed':
      return {
        type: 'ExecutionFailed',
        ...details('executionFailedEventDetails', { error: event.Error, cause: event.Cause }),
      };
    case 'ExecutionAborted':
    case 'ExecutionTerminated':
      return { type: 'ExecutionAborted' };
    case 'StateEntered':
      return {
        type: `${state?.type ?? 'Task'}StateEntered`,
        ...details('stateEnteredEventDetails', {
          name: state?.name,
          input: JSON.stringify(state?.input ?? null),
        }),
      };
    case 'StateExited':
      return {
        type: `${state?.type ?? 'Task'}StateExited`,
        ...details('stateExitedEventDetails', {
          name: state?.name,
          output: JSON.stringify(state?.output ?? null),
        }),
      };
    case 'StateFailed':
      return {
        type: `${state?.type ?? 'Task'}Failed`,
        ...details('taskFailedEventDetails', { name: state?.name, error: event.Error, cause: event.Cause }),
      };
    case 'StateRetried':
      return {
        type: 'TaskRetried',
        ...details('taskRetriedEventDetails', { name: state?.name, retry: event.retry }),
      };
    case 'StateCaught':
      return {
        type: 'TaskCaught',
        ...details('taskCaughtEventDetails', { name: state?.name, catch: event.catch }),
      };
    default:
      return { type: event.type };
  }
};
