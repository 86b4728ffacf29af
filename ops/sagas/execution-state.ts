/** A state machine as ListStateMachines and DescribeStateMachine tell it. */
export interface MachineInfo {
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
}

/** How the command learns what became of an execution. */
export interface ExecutionLookup {
  /** A Standard execution, as DescribeExecution answers it; undefined when there is none. */
  describe(executionArn: string): Promise<{ status: string; error?: string } | undefined>;
  /**
   * The types of the events an Express machine logged for the execution
   * name, oldest first; undefined when the machine logs nowhere.
   */
  loggedEvents(machine: MachineInfo, executionName: string): Promise<readonly string[] | undefined>;
}

/**
 * What became of the execution named `name`, in one line. Standard
 * executions have a history DescribeExecution reads. Express executions have
 * none (DescribeExecution does not serve them): their log group is all
 * there is, and the shop logs only their errors, so no line means it
 * succeeded, is still running, or its logs have expired.
 */
export const executionState = async (
  machine: MachineInfo | undefined,
  name: string,
  lookup: ExecutionLookup,
): Promise<string> => {
  if (!machine) return 'unknown machine';
  if (machine.type === 'STANDARD') {
    const execution = await lookup.describe(
      `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`,
    );
    return execution
      ? `${execution.status}${execution.error ? ` (${execution.error})` : ''}`
      : 'no execution found';
  }
  const logged = await lookup.loggedEvents(machine, name);
  if (logged === undefined) return 'Express: no history, and no log group to read';
  const last = logged.at(-1);
  return last
    ? `${last} (Express, from its log)`
    : 'Express: no error logged (it succeeded, is still running, or its log has expired)';
};

/** The log group's name in a Step Functions logging destination's ARN (`…:log-group:<name>:*`). */
export const logGroupNameOf = (arn: string): string | undefined => /:log-group:([^:]+)/.exec(arn)?.[1];

/**
 * The event types of one execution among a machine's log lines (JSON, each
 * with `type` and `execution_arn`; an Express execution's ARN is
 * `…:express:<machine>:<name>:<id>`).
 */
export const eventTypesOf = (messages: readonly string[], name: string): string[] =>
  messages.flatMap((message) => {
    try {
      const record = JSON.parse(message) as { type?: unknown; execution_arn?: unknown };
      return typeof record.type === 'string' &&
        typeof record.execution_arn === 'string' &&
        record.execution_arn.includes(`:${name}:`)
        ? [record.type]
        : [];
    } catch {
      return [];
    }
  });
