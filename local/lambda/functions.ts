import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type CloudAssembly, displayNameOf, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import type { UsageMeter } from '../usage.js';
import { FaultInjector } from './faults.js';
import { createLogPrinter, type LogSink } from './log-printer.js';

/** The answer to an invocation the stopped local cloud will not run: its caller settles, and nothing waits on. */
const STOPPED: InvocationResult = {
  ok: false,
  error: {
    errorType: 'LocalCloudStopped',
    errorMessage: 'The local cloud stopped before this invocation ran.',
  },
};
export interface FunctionError {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

export type InvocationResult =
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly error: FunctionError };

/** What other local services need of the Lambda service: find a function, invoke it. */
export interface FunctionInvoker {
  find(nameOrArn: string): Pick<FunctionDefinition, 'name' | 'arn'> | undefined;
  invoke(nameOrArn: string, event: unknown): Promise<InvocationResult>;
}

export interface FunctionDefinition {
  /** The local physical name, as Ref gives it. */
  readonly name: string;
  readonly arn: string;
  /** Short, readable: the CDK construct path without the stack, e.g. `Catalog/CreateProduct`. */
  readonly displayName: string;
  readonly stackName: string;
  readonly logicalId: string;
  readonly entry: string;
  readonly handlerName: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  /** Which of Lambda's own log records reach the log group (`LoggingConfig.SystemLogLevel`, INFO by default). */
  readonly systemLogLevel: 'DEBUG' | 'INFO' | 'WARN';
  readonly environment: Record<string, string>;
  /** Asynchronous invocation: retries, then where a failed event goes. */
  readonly asyncRetries: number;
  /** An on-failure destination (gets an invocation record) or a dead-letter queue (gets the event). */
  readonly onFailure?: { readonly kind: 'destination' | 'dead-letter'; readonly arn: string };
}

export interface LocalFunctionsOptions {
  readonly sink: LogSink;
  /** Sandboxes per function at most. */
  readonly concurrency?: number;
  /** Multiplies every wait (async retry delays), so tests need not sleep. */
  readonly timeScale?: number;
  /** Sends a failed asynchronous invocation to its destination (an SQS queue ARN). */
  readonly deliverFailure?: (arn: string, body: string) => void;
  /** Counts invocations, billed duration and bytes logged. */
  readonly usage?: UsageMeter;
  /** A sandbox idle this long is reclaimed, as Lambda reclaims idle sandboxes (default 3 minutes). */
  readonly idleSandboxMs?: number;
  /**
   * At most this many idle sandboxes across every function; past it the
   * longest idle goes first (default 24). Each is a V8 isolate of tens of
   * MiB: without a bound, a suite that touches every function keeps them all.
   */
  readonly maxIdleSandboxes?: number;
  /** A function's sandboxes beyond its first are reclaimed after this long idle (default 10 s). */
  readonly surplusIdleMs?: number;
}

/** How long sandboxes stay warm: memory-bounded by default, as Lambda keeps them with `LAMBDA_LIKE_SANDBOXES`. */
export type SandboxKeeping = Pick<
  LocalFunctionsOptions,
  'idleSandboxMs' | 'maxIdleSandboxes' | 'surplusIdleMs'
>;

/**
 * Sandboxes kept as Lambda keeps them: every one warm for minutes, however
 * many. The bench uses this, so that what it measures (latency, billed
 * duration) is not that of cold starts Lambda would not have.
 */
export const LAMBDA_LIKE_SANDBOXES: SandboxKeeping = {
  idleSandboxMs: 10 * 60_000,
  surplusIdleMs: 10 * 60_000,
  maxIdleSandboxes: Number.POSITIVE_INFINITY,
};

/**
 * What Lambda writes to a function's log group besides the function's own
 * lines when its system log level is INFO or DEBUG: with the JSON log format,
 * a `platform.start` and a `platform.report` record per invocation (about 450
 * bytes together), plus CloudWatch's 26 bytes of metering per log event.
 */
export const PLATFORM_LOG_BYTES_PER_INVOCATION = 450 + 2 * 26;

/** Lambda retries a failed asynchronous invocation after about one, then two minutes. */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];

interface Sandbox {
  readonly worker: Worker;
  readonly ready: Promise<number>;
  busy: boolean;
  /** When it last finished an invocation (or was made). */
  idleSince: number;
}

const DEFAULT_IDLE_SANDBOX_MS = 180_000;
const DEFAULT_MAX_IDLE_SANDBOXES = 24;
/**
 * A function's sandboxes beyond its first, made for a burst of concurrent
 * invocations, are reclaimed after this long idle: a burst must not leave
 * eight warm isolates per function behind it.
 */
const DEFAULT_SURPLUS_IDLE_MS = 10_000;
/** How often idle sandboxes are looked for. */
const RECLAIM_EVERY_MS = 5_000;

interface Pending {
  readonly event: unknown;
  readonly resolve: (result: InvocationResult) => void;
}

/** How many sandboxes one function may run at once; more invocations wait their turn. */
const DEFAULT_CONCURRENCY = 8;
/** How long a sandbox may take to load its module before its invocation fails. */
const INIT_LIMIT_MS = 60_000;

/**
 * The local Lambda service: each function runs in worker threads, one
 * invocation per worker at a time, with the environment the template gives
 * it plus the local endpoints. A worker that times out is terminated, as
 * Lambda discards a sandbox that timed out.
 */
export class LocalFunctions implements FunctionInvoker {
  private readonly byName = new Map<string, FunctionDefinition>();
  private readonly sandboxes = new Map<string, Sandbox[]>();
  private readonly queues = new Map<string, Pending[]>();
  private readonly stopped = { value: false };
  readonly invocationCounts = new Map<string, number>();
  /** Faults the tests inject (see faults.ts). */
  readonly faults = new FaultInjector();

  private readonly sink: LogSink;
  private readonly concurrency: number;

  constructor(
    definitions: readonly FunctionDefinition[],
    private readonly options: LocalFunctionsOptions,
  ) {
    this.sink = options.sink;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    for (const definition of definitions) {
      this.byName.set(definition.name, definition);
      this.byName.set(definition.arn, definition);
    }
    this.reclaimer = setInterval(() => this.reclaimIdle(), RECLAIM_EVERY_MS).unref();
  }

  private readonly reclaimer: NodeJS.Timeout;

  /** Sandboxes, warm or starting, per function display name. */
  get sandboxCounts(): Record<string, number> {
    return Object.fromEntries(
      [...this.sandboxes]
        .filter(([, pool]) => pool.length > 0)
        .map(([name, pool]) => [this.find(name)?.displayName ?? name, pool.length]),
    );
  }

  /**
   * Terminates the sandboxes idle longer than `idleSandboxMs`, a function's
   * surplus sandboxes idle longer than `surplusIdleMs`, then the longest
   * idle ones past `maxIdleSandboxes`: what warm functions cost in memory
   * stays bounded however many functions, and bursts, a session had.
   */
  reclaimIdle(now = Date.now()): number {
    const idleFor = this.options.idleSandboxMs ?? DEFAULT_IDLE_SANDBOX_MS;
    const maxIdle = this.options.maxIdleSandboxes ?? DEFAULT_MAX_IDLE_SANDBOXES;
    const surplusFor = this.options.surplusIdleMs ?? DEFAULT_SURPLUS_IDLE_MS;
    const expired = new Set<Sandbox>();
    for (const pool of this.sandboxes.values()) {
      // The most recently used sandbox of a function is its first to keep; the others are surplus.
      const idleNewestFirst = pool
        .filter((sandbox) => !sandbox.busy)
        .sort((a, b) => b.idleSince - a.idleSince);
      const keepOne = pool.some((sandbox) => sandbox.busy) ? 0 : 1;
      idleNewestFirst.forEach((sandbox, index) => {
        const limit = index < keepOne ? idleFor : Math.min(idleFor, surplusFor);
        if (now - sandbox.idleSince >= limit) expired.add(sandbox);
      });
    }
    const idle = [...this.sandboxes.values()]
      .flat()
      .filter((sandbox) => !sandbox.busy && !expired.has(sandbox))
      .sort((a, b) => a.idleSince - b.idleSince);
    const reclaimed = [...expired, ...idle.slice(0, Math.max(0, idle.length - maxIdle))];
    for (const sandbox of reclaimed) {
      void sandbox.worker.terminate();
      for (const [name, pool] of this.sandboxes)
        if (pool.includes(sandbox))
          this.sandboxes.set(
            name,
            pool.filter((candidate) => candidate !== sandbox),
          );
    }
    return reclaimed.length;
  }

  get definitions(): FunctionDefinition[] {
    return [...new Set(this.byName.values())];
  }

  find(nameOrArn: string): FunctionDefinition | undefined {
    // Invoke accepts a name, a full ARN, or an ARN with a qualifier.
    return this.byName.get(nameOrArn) ?? this.byName.get(nameOrArn.replace(/:(\$LATEST|\d+)$/, ''));
  }

  /** Runs one invocation and resolves with its result or its error, never rejecting. */
  invoke(nameOrArn: string, event: unknown): Promise<InvocationResult> {
    const definition = this.find(nameOrArn);
    if (!definition) {
      return Promise.resolve({
        ok: false,
        error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${nameOrArn}` },
      });
    }
    if (this.stopped.value) return Promise.resolve(STOPPED);
    this.invocationCounts.set(definition.name, (this.invocationCounts.get(definition.name) ?? 0) + 1);
    const before = this.faults.take(definition.displayName, event, 'before');
    if (before) return Promise.resolve({ ok: false, error: before });
    return new Promise<InvocationResult>((resolve) => {
      const queue = this.queues.get(definition.name) ?? [];
      queue.push({ event: structuredClone(event), resolve });
      this.queues.set(definition.name, queue);
      this.dispatch(definition);
    }).then((result) => {
      const after = result.ok ? this.faults.take(definition.displayName, event, 'after') : undefined;
      return after ? { ok: false, error: after } : result;
    });
  }

  /**
   * An asynchronous invocation (`InvocationType: Event`, EventBridge, S3...):
   * accepted at once, retried on error, then sent to the function's
   * on-failure destination or dead-letter queue, if it has one.
   */
  invokeAsync(nameOrArn: string, event: unknown): void {
    const definition = this.find(nameOrArn);
    if (!definition) return;
    const attempt = async (count: number): Promise<void> => {
      const result = await this.invoke(definition.name, event);
      if (result.ok || this.stopped.value) return;
      if (count <= definition.asyncRetries) {
        const delay = (ASYNC_RETRY_DELAYS_MS[count - 1] ?? 120_000) * (this.options.timeScale ?? 1);
        setTimeout(() => void attempt(count + 1), delay).unref();
        return;
      }
      if (!definition.onFailure || !this.options.deliverFailure) {
        this.sink(
          `${definition.displayName} | event dropped after ${count} attempts: ${result.error.errorType}`,
        );
        return;
      }
      const body =
        definition.onFailure.kind === 'dead-letter'
          ? JSON.stringify(event)
          : JSON.stringify({
              version: '1.0',
              timestamp: new Date().toISOString(),
              requestContext: {
                requestId: randomUUID(),
                functionArn: `${definition.arn}:$LATEST`,
                condition: 'RetriesExhausted',
                approximateInvokeCount: count,
              },
              requestPayload: event,
              responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
              responsePayload: result.error,
            });
      this.options.deliverFailure(definition.onFailure.arn, body);
    };
    void attempt(1);
  }

  /** Ends the sandboxes; what is still waiting to run, or asked for after, fails with LocalCloudStopped. */
  async stop(): Promise<void> {
    this.stopped.value = true;
    clearInterval(this.reclaimer);
    // Invocations still waiting for a sandbox end now, as failures: their callers (a saga's task,
    // a retry) settle instead of waiting, with their timers, for a function that will not run.
    for (const queue of this.queues.values())
      for (const waiting of queue.splice(0))
        waiting.resolve({
          ok: false,
          error: {
            errorType: 'LocalCloudStopped',
            errorMessage: 'The local cloud stopped before this invocation ran.',
          },
        });
    const workers = [...this.sandboxes.values()].flat().map((sandbox) => sandbox.worker.terminate());
    this.sandboxes.clear();
    await Promise.allSettled(workers);
  }

  private dispatch(definition: FunctionDefinition): void {
    const queue = this.queues.get(definition.name);
    if (!queue || queue.length === 0 || this.stopped.value) return;
    const pool = this.sandboxes.get(definition.name) ?? [];
    this.sandboxes.set(definition.name, pool);
    let sandbox = pool.find((candidate) => !candidate.busy);
    if (!sandbox && pool.length < this.concurrency) {
      sandbox = this.createSandbox(definition);
      pool.push(sandbox);
    }
    if (!sandbox) return;
    const next = queue.shift();
    if (!next) return;
    sandbox.busy = true;
    void this.run(definition, sandbox, next.event).then((result) => {
      next.resolve(result);
      sandbox.busy = false;
      sandbox.idleSince = Date.now();
      this.dispatch(definition);
    });
  }

  private createSandbox(definition: FunctionDefinition): Sandbox {
    const worker = new Worker(join(import.meta.dirname, 'worker.mjs'), {
      workerData: {
        entry: definition.entry,
        handlerName: definition.handlerName,
        functionName: definition.name,
        functionArn: definition.arn,
        memorySize: definition.memorySize,
      },
      env: definition.environment,
      stdout: true,
      stderr: true,
    });
    const printer = createLogPrinter(definition.displayName, this.sink);
    const print = (chunk: Buffer) => {
      this.options.usage?.logged(definition.displayName, definition.memorySize, chunk.length);
      printer(chunk.toString());
    };
    worker.stdout.on('data', print);
    worker.stderr.on('data', print);
    const ready = new Promise<number>((resolve, reject) => {
      worker.once('message', (message: { type: string; initMs: number }) => {
        if (message.type === 'ready') resolve(message.initMs);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the sandbox exited with code ${code} during init`)));
    });
    // Init failures are reported through the invocation that waits for `ready`.
    ready.catch(() => undefined);
    return { worker, ready, busy: false, idleSince: Date.now() };
  }

  private async run(
    definition: FunctionDefinition,
    sandbox: Sandbox,
    event: unknown,
  ): Promise<InvocationResult> {
    const id = randomUUID();
    const timeoutMs = definition.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await new Promise<InvocationResult | 'timeout' | 'crashed'>((resolve) => {
      // As on Lambda, the init phase is not part of the invocation's timeout: a sandbox
      // that takes long to start on a busy machine must not fail the invocation it serves.
      // Only an init that never ends is cut short.
      timer = setTimeout(() => resolve('timeout'), INIT_LIMIT_MS);
      sandbox.ready.then(
        () => {
          clearTimeout(timer);
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
          const deadline = Date.now() + timeoutMs;
          const onMessage = (message: {
            type: string;
            id?: string;
            result?: unknown;
            error?: FunctionError;
            durationMs?: number;
          }) => {
            if (message.id !== id) return;
            sandbox.worker.off('message', onMessage);
            sandbox.worker.off('exit', onExit);
            this.options.usage?.invocation(
              definition.displayName,
              definition.memorySize,
              message.durationMs ?? 0,
            );
            if (definition.systemLogLevel !== 'WARN')
              this.options.usage?.logged(
                definition.displayName,
                definition.memorySize,
                PLATFORM_LOG_BYTES_PER_INVOCATION,
              );
            if (message.type === 'result') resolve({ ok: true, payload: message.result });
            else
              resolve({ ok: false, error: message.error ?? { errorType: 'Error', errorMessage: 'unknown' } });
          };
          const onExit = () => resolve('crashed');
          sandbox.worker.on('message', onMessage);
          sandbox.worker.once('exit', onExit);
          sandbox.worker.postMessage({ id, event, deadline });
        },
        (error: unknown) =>
          resolve({
            ok: false,
            error: {
              errorType: 'Runtime.ImportModuleError',
              errorMessage: error instanceof Error ? error.message : String(error),
            },
          }),
      );
    });
    clearTimeout(timer);
    if (outcome === 'timeout')
      this.options.usage?.invocation(definition.displayName, definition.memorySize, timeoutMs);
    if (outcome === 'timeout' || outcome === 'crashed') {
      this.discard(definition, sandbox);
      return {
        ok: false,
        error:
          outcome === 'timeout'
            ? {
                errorType: 'Sandbox.Timedout',
                errorMessage: `Task timed out after ${definition.timeoutSeconds.toFixed(2)} seconds`,
              }
            : { errorType: 'Runtime.ExitError', errorMessage: 'The sandbox exited during the invocation.' },
      };
    }
    if (!outcome.ok && outcome.error.errorType === 'Runtime.ImportModuleError')
      this.discard(definition, sandbox);
    return outcome;
  }

  private discard(definition: FunctionDefinition, sandbox: Sandbox): void {
    void sandbox.worker.terminate();
    const pool = this.sandboxes.get(definition.name) ?? [];
    this.sandboxes.set(
      definition.name,
      pool.filter((candidate) => candidate !== sandbox),
    );
  }
}

/** Reads every function of the template: its bundle, handler, limits and resolved environment. */
export const functionDefinitions = (
  assembly: CloudAssembly,
  resolver: TemplateResolver,
  localEnvironment: Record<string, string>,
): FunctionDefinition[] => {
  const invokeConfigs = resourcesOfType(assembly, 'AWS::Lambda::EventInvokeConfig').map(
    ({ stackName, resource }) => ({
      functionName: resolver.resolveString(stackName, resource.Properties?.FunctionName),
      retries: resource.Properties?.MaximumRetryAttempts as number | undefined,
      onFailure: resolver.resolve(
        stackName,
        (resource.Properties?.DestinationConfig as { OnFailure?: { Destination?: unknown } })?.OnFailure
          ?.Destination,
      ),
    }),
  );
  return resourcesOfType(assembly, 'AWS::Lambda::Function').map(({ stackName, logicalId, resource }) => {
    const props = resource.Properties ?? {};
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath !== 'string')
      throw new Error(`${logicalId} has no bundled asset in the cloud assembly.`);
    const [file = 'index', handlerName = 'handler'] = String(props.Handler ?? 'index.handler').split('.');
    const name = resolver.ref(stackName, logicalId);
    const variables = resolver.resolve(
      stackName,
      (props.Environment as { Variables?: unknown } | undefined)?.Variables ?? {},
    ) as Record<string, string>;
    const unresolved = Object.entries(variables).find(([, value]) => String(value).includes('{{resolve:'));
    if (unresolved) {
      throw new Error(
        `${logicalId}: ${unresolved[0]} holds a dynamic reference the local cloud cannot resolve.`,
      );
    }
    const invokeConfig = invokeConfigs.find((config) => config.functionName === name);
    const deadLetter = resolver.resolve(
      stackName,
      (props.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn,
    );
    const onFailure =
      typeof invokeConfig?.onFailure === 'string'
        ? { kind: 'destination' as const, arn: invokeConfig.onFailure }
        : typeof deadLetter === 'string'
          ? { kind: 'dead-letter' as const, arn: deadLetter }
          : undefined;
    return {
      name,
      arn: resolver.getAtt(stackName, logicalId, 'Arn'),
      displayName: displayNameOf(resource, logicalId),
      stackName,
      logicalId,
      entry: join(assembly.directory, assetPath, `${file}.mjs`),
      handlerName,
      timeoutSeconds: Number(props.Timeout ?? 3),
      memorySize: Number(props.MemorySize ?? 128),
      systemLogLevel: systemLogLevelOf(props.LoggingConfig),
      environment: {
        ...localEnvironment,
        AWS_LAMBDA_FUNCTION_NAME: name,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(props.MemorySize ?? 128),
        ...variables,
        // Metrics are a CloudWatch feature; locally they would only add noise.
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
      asyncRetries: invokeConfig?.retries ?? 2,
      ...(onFailure ? { onFailure } : {}),
    };
  });
};

const systemLogLevelOf = (config: unknown): FunctionDefinition['systemLogLevel'] => {
  const level = (config as { SystemLogLevel?: unknown } | undefined)?.SystemLogLevel;
  return level === 'DEBUG' || level === 'WARN' ? level : 'INFO';
};
