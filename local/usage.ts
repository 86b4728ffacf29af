/**
 * What the shop consumed on the local cloud, counted as AWS would bill it:
 * Lambda invocations with their billed duration and memory, bytes logged,
 * HTTP API requests, events published, state machine executions with their
 * state transitions and duration, DynamoDB request units, SQS messages.
 * The benchmark turns a window of it into dollars per million orders.
 */

import { type LogLevel, type LogSizes, noLogs } from './stepfunctions/log-records.js';

export interface FunctionUsage {
  invocations: number;
  /** Lambda bills each invocation's duration rounded up to the millisecond. */
  billedMs: number;
  memoryMb: number;
  /** What the function wrote to its log stream. */
  logBytes: number;
}

export interface StateMachineUsage {
  readonly type: 'STANDARD' | 'EXPRESS';
  executions: number;
  /** States entered plus retries: what a Standard workflow is billed for. */
  transitions: number;
  /** Each execution's duration rounded up to 100 ms, as Express bills it. */
  billedMs: number;
  /**
   * What an Express workflow would ingest in CloudWatch Logs for these
   * executions, at each log level, without and with their execution data
   * (inputs, outputs, task parameters): `local/stepfunctions/log-records.ts`.
   */
  readonly logBytes: LogSizes;
}

/** Request units on one table, in all and by what they were spent on. */
export interface TableUsage {
  readUnits: number;
  writeUnits: number;
  /**
   * By the operation and the kind of item it touched, as its key names it
   * (`PutItem ORDER/HISTORY`), or by the index a query read (`Query byStatus`).
   */
  readonly items: Record<string, { readUnits: number; writeUnits: number }>;
}

export interface Usage {
  readonly functions: Record<string, FunctionUsage>;
  apiRequests: number;
  /** Events put on a bus (replays not counted), in all and by detail-type. */
  readonly events: { published: number; bytes: number; readonly byType: Record<string, number> };
  readonly stateMachines: Record<string, StateMachineUsage>;
  readonly dynamodb: {
    readUnits: number;
    writeUnits: number;
    requests: number;
    /** Units by table (physical name): where the writes go, and on which kind of item (`items`). */
    readonly tables: Record<string, TableUsage>;
  };
  sqsMessages: number;
}

const empty = (): Usage => ({
  functions: {},
  apiRequests: 0,
  events: { published: 0, bytes: 0, byType: {} },
  stateMachines: {},
  dynamodb: { readUnits: 0, writeUnits: 0, requests: 0, tables: {} },
  sqsMessages: 0,
});

/** The local services report into one meter; `reset` opens a measurement window. */
export class UsageMeter {
  private usage: Usage = empty();

  reset(): void {
    this.usage = empty();
  }

  /** A copy of what was counted since the last reset. */
  snapshot(): Usage {
    return structuredClone(this.usage);
  }

  invocation(functionName: string, memoryMb: number, durationMs: number): void {
    const usage = this.functionUsage(functionName, memoryMb);
    usage.invocations++;
    usage.billedMs += Math.max(1, Math.ceil(durationMs));
  }

  logged(functionName: string, memoryMb: number, bytes: number): void {
    this.functionUsage(functionName, memoryMb).logBytes += bytes;
  }

  apiRequest(): void {
    this.usage.apiRequests++;
  }

  eventPublished(bytes: number, detailType: string): void {
    this.usage.events.published++;
    this.usage.events.bytes += bytes;
    this.usage.events.byType[detailType] = (this.usage.events.byType[detailType] ?? 0) + 1;
  }

  execution(
    stateMachine: string,
    type: 'STANDARD' | 'EXPRESS',
    run: { transitions: number; durationMs: number; logBytes: LogSizes },
  ): void {
    const usage = this.usage.stateMachines[stateMachine] ?? {
      type,
      executions: 0,
      transitions: 0,
      billedMs: 0,
      logBytes: noLogs(),
    };
    usage.executions++;
    usage.transitions += run.transitions;
    for (const level of Object.keys(run.logBytes) as LogLevel[]) {
      usage.logBytes[level].withoutData += run.logBytes[level].withoutData;
      usage.logBytes[level].withData += run.logBytes[level].withData;
    }
    usage.billedMs += Math.max(100, Math.ceil(run.durationMs / 100) * 100);
    this.usage.stateMachines[stateMachine] = usage;
  }

  request(): void {
    this.usage.dynamodb.requests++;
  }

  capacity(table: string, readUnits: number, writeUnits: number, item: string): void {
    this.usage.dynamodb.readUnits += readUnits;
    this.usage.dynamodb.writeUnits += writeUnits;
    const usage = this.usage.dynamodb.tables[table] ?? { readUnits: 0, writeUnits: 0, items: {} };
    usage.readUnits += readUnits;
    usage.writeUnits += writeUnits;
    const spent = usage.items[item] ?? { readUnits: 0, writeUnits: 0 };
    spent.readUnits += readUnits;
    spent.writeUnits += writeUnits;
    usage.items[item] = spent;
    this.usage.dynamodb.tables[table] = usage;
  }

  sqsMessage(): void {
    this.usage.sqsMessages++;
  }

  private functionUsage(functionName: string, memoryMb: number): FunctionUsage {
    const usage = this.usage.functions[functionName] ?? {
      invocations: 0,
      billedMs: 0,
      memoryMb,
      logBytes: 0,
    };
    this.usage.functions[functionName] = usage;
    return usage;
  }
}
