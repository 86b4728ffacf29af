/**
 * What an execution writes to CloudWatch Logs, as Step Functions logs an
 * Express workflow: at `LogLevel.ALL`, one record per history event, with the
 * fields `id`, `type`, `details`, `previous_event_id`, `event_timestamp`,
 * `execution_arn` and `redrive_count`. With `includeExecutionData` off, the
 * records keep names, resources, errors and causes but no inputs, outputs or
 * task parameters.
 *
 * The local runner reports events per state; Step Functions also logs each
 * invocation of a Task state's function: scheduled, started, and succeeded or
 * failed. Those are added here, one set per attempt, so that the size priced
 * is that of the records Step Functions would write, not of the runner's
 * shorter history. `ERROR` keeps the records of failures of every kind;
 * `FATAL` those of the execution's own failure only.
 */

/** An event of the local execution history (`type` and one `…EventDetails` object). */
export type HistoryEvent = Readonly<Record<string, unknown>>;

export interface LogRecord {
  readonly id: string;
  readonly type: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly previous_event_id: string;
  readonly event_timestamp: string;
  readonly execution_arn: string;
  readonly redrive_count: string;
}

const DATA_FIELDS = ['input', 'output', 'parameters'] as const;

/** Details as logged: execution data with its `…Details` flag, or none of it. */
const logged = (details: Readonly<Record<string, unknown>>, includeExecutionData: boolean) => {
  const kept: Record<string, unknown> = { ...details };
  for (const field of DATA_FIELDS) {
    if (!(field in kept)) continue;
    if (includeExecutionData) kept[`${field}Details`] = { truncated: false };
    else delete kept[field];
  }
  return kept;
};

/** The `…EventDetails` object of a local history event. */
const eventDetails = (event: HistoryEvent): Readonly<Record<string, unknown>> => {
  const key = Object.keys(event).find((name) => name.endsWith('EventDetails'));
  return (key ? event[key] : {}) as Readonly<Record<string, unknown>>;
};

export const logRecords = (
  history: readonly HistoryEvent[],
  options: {
    readonly executionArn: string;
    readonly includeExecutionData: boolean;
    /** Each Task state's `Resource`: what its invocation records name. */
    readonly resources: Readonly<Record<string, string>>;
  },
): LogRecord[] => {
  const records: LogRecord[] = [];
  const add = (type: string, details: Readonly<Record<string, unknown>>, timestamp: unknown) =>
    records.push({
      id: String(records.length + 1),
      type,
      details: logged(details, options.includeExecutionData),
      previous_event_id: String(records.length),
      event_timestamp: String(Math.round(Number(timestamp ?? 0) * 1000)),
      execution_arn: options.executionArn,
      redrive_count: '0',
    });
  // The input each Task state was entered with: what every attempt invokes its function with.
  const inputs = new Map<string | undefined, unknown>();
  // States whose latest attempt failed: no success record when they are left (caught).
  const failed = new Set<string | undefined>();
  const invoke = (name: string | undefined, at: unknown) => {
    failed.delete(name);
    const resource = (name && options.resources[name]) || 'arn:aws:lambda:::function';
    add('LambdaFunctionScheduled', { resource, input: inputs.get(name) }, at);
    add('LambdaFunctionStarted', {}, at);
  };

  for (const event of history) {
    const type = String(event.type);
    const at = event.timestamp;
    const details = eventDetails(event);
    const name = typeof details.name === 'string' ? details.name : undefined;
    if (type === 'TaskStateExited' && !failed.has(name))
      add('LambdaFunctionSucceeded', { output: details.output }, at);
    if (type === 'TaskFailed') {
      failed.add(name);
      add('LambdaFunctionFailed', { error: details.error, cause: details.cause }, at);
    }
    add(type, details, at);
    if (type === 'TaskStateEntered') {
      inputs.set(name, details.input);
      invoke(name, at);
    }
    if (type === 'TaskRetried') invoke(name, at);
  }
  return records;
};

/** The bytes those records are billed as ingested (each record's JSON). */
export const logBytes = (records: readonly LogRecord[]): number =>
  records.reduce((total, record) => total + Buffer.byteLength(JSON.stringify(record)), 0);

export type LogLevel = 'ALL' | 'ERROR' | 'FATAL';

const FATAL = new Set(['ExecutionFailed', 'ExecutionAborted', 'ExecutionTimedOut']);

/** Whether a record of this type is logged at `level`. */
export const loggedAt = (level: LogLevel, type: string): boolean =>
  level === 'ALL' ||
  FATAL.has(type) ||
  (level === 'ERROR' && (type === 'FailStateEntered' || /(Failed|TimedOut|Aborted)$/.test(type)));

/** The bytes an execution logs at each level, without and with its execution data. */
export type LogSizes = Record<LogLevel, { withoutData: number; withData: number }>;

export const noLogs = (): LogSizes => ({
  ALL: { withoutData: 0, withData: 0 },
  ERROR: { withoutData: 0, withData: 0 },
  FATAL: { withoutData: 0, withData: 0 },
});

export const logSizes = (
  history: readonly HistoryEvent[],
  options: { readonly executionArn: string; readonly resources: Readonly<Record<string, string>> },
): LogSizes => {
  const sizes = noLogs();
  for (const includeExecutionData of [false, true]) {
    const records = logRecords(history, { ...options, includeExecutionData });
    for (const level of Object.keys(sizes) as LogLevel[])
      sizes[level][includeExecutionData ? 'withData' : 'withoutData'] = logBytes(
        records.filter((record) => loggedAt(level, record.type)),
      );
  }
  return sizes;
};
