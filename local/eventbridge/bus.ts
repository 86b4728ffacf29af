import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AwsServiceError, type JsonService } from '../aws-endpoint.js';
import { LocalCloudError } from '../errors.js';
import { type CloudAssembly, displayNameOf, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import { LOCAL_ACCOUNT } from '../template/resolver.js';
import type { UsageMeter } from '../usage.js';
import {
  InputTransformationError,
  InvalidTargetInputError,
  type TargetInput,
  transformInput,
  validateTargetInput,
} from './input.js';
import { type CompiledPattern, compilePattern, InvalidPatternError, type Pattern } from './pattern.js';

export interface BusEvent extends Record<string, unknown> {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: string[];
  readonly detail: unknown;
  readonly 'replay-name'?: string;
}

interface Target extends TargetInput {
  readonly Id: string;
  readonly Arn: string;
  readonly RetryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
  readonly DeadLetterConfig?: { readonly Arn?: string };
}

interface Rule {
  readonly name: string;
  readonly arn: string;
  readonly displayName: string;
  readonly busName: string;
  /** Absent for a schedule rule, which no event matches. */
  readonly pattern?: Pattern;
  readonly matcher?: CompiledPattern;
  /** `rate(5 minutes)`: the rule fires on its own. */
  readonly schedule?: string;
  readonly enabled: boolean;
  readonly targets: readonly Target[];
}

interface Archive {
  readonly name: string;
  readonly arn: string;
  readonly busArn: string;
  readonly matcher?: CompiledPattern;
  readonly events: { readonly archivedAt: number; readonly busName: string; readonly event: BusEvent }[];
  readonly file?: string;
}

/** How a rule's target receives an event; delivery errors are retried and dead-lettered. */
export interface TargetDelivery {
  /** Delivers to a Lambda, SQS or Step Functions ARN; throws when delivery fails. */
  deliver(arn: string, input: unknown): Promise<void>;
  /** Sends a message to an SQS queue ARN (the dead-letter queues). */
  deadLetter(arn: string, body: string, attributes: Record<string, string>): void;
}

/** EventBridge's defaults: 185 attempts over 24 hours, exponential backoff with jitter. */
const DEFAULT_RETRY_ATTEMPTS = 185;
const DEFAULT_MAX_AGE_SECONDS = 86_400;
const MAX_ENTRY_BYTES = 256 * 1024;

/**
 * A timestamp as the SDK sends it over EventBridge's JSON 1.1 protocol: epoch
 * seconds, possibly fractional; an ISO 8601 string is taken too.
 */
export const awsTimestamp = (value: unknown, field: string): Date => {
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : undefined;
  const time = seconds !== undefined ? new Date(seconds * 1000) : new Date(String(value));
  if (Number.isNaN(time.getTime()))
    throw new AwsServiceError('ValidationException', `${field} is not a timestamp.`);
  return time;
};

/**
 * The local EventBridge: custom buses, rules with the full pattern syntax,
 * Lambda, SQS and Step Functions targets with input transformation, the
 * target retry policy and dead-letter queue, and archives with replay.
 */
export class LocalEventBridge {
  private readonly buses: { name: string; arn: string }[];
  private readonly rules: Rule[];
  private readonly archives: Archive[];
  private readonly region: string;
  readonly published: BusEvent[] = [];

  constructor(
    assembly: CloudAssembly,
    resolver: TemplateResolver,
    private readonly delivery: TargetDelivery,
    private readonly options: {
      timeScale?: number;
      archiveDirectory?: string;
      log?: (line: string) => void;
      /** Counts the events published (a replay's are not billed as published). */
      usage?: UsageMeter;
    } = {},
  ) {
    this.region = resolver.environment.region;
    this.buses = [
      { name: 'default', arn: resolver.arn('events', 'event-bus/default') },
      ...resourcesOfType(assembly, 'AWS::Events::EventBus').map(({ stackName, logicalId }) => ({
        name: resolver.ref(stackName, logicalId),
        arn: resolver.getAtt(stackName, logicalId, 'Arn'),
      })),
    ];
    this.rules = resourcesOfType(assembly, 'AWS::Events::Rule').map(({ stackName, logicalId, resource }) => {
      const props = resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>;
      const displayName = displayNameOf(resource, logicalId);
      const pattern = props.EventPattern as Pattern | undefined;
      const targets = (props.Targets ?? []) as Target[];
      const rule: Rule = {
        name: resolver.physicalName(stackName, logicalId),
        arn: resolver.getAtt(stackName, logicalId, 'Arn'),
        displayName,
        busName: this.busNameOf(String(props.EventBusName ?? 'default')),
        ...(pattern ? { pattern, matcher: checked(displayName, () => compilePattern(pattern)) } : {}),
        ...(typeof props.ScheduleExpression === 'string' ? { schedule: props.ScheduleExpression } : {}),
        enabled: (props.State ?? 'ENABLED') === 'ENABLED',
        targets,
      };
      for (const target of targets)
        checked(`${displayName} target ${target.Id}`, () => validateTargetInput(target));
      return rule;
    });
    this.archives = resourcesOfType(assembly, 'AWS::Events::Archive').map(
      ({ stackName, logicalId, resource }) => {
        const props = resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>;
        const name = resolver.physicalName(stackName, logicalId);
        const file = options.archiveDirectory ? `${options.archiveDirectory}/${name}.jsonl` : undefined;
        const archive: Archive = {
          name,
          arn: resolver.getAtt(stackName, logicalId, 'Arn'),
          busArn: String(props.SourceArn),
          ...(props.EventPattern
            ? {
                matcher: checked(displayNameOf(resource, logicalId), () =>
                  compilePattern(props.EventPattern),
                ),
              }
            : {}),
          events:
            file && existsSync(file)
              ? readFileSync(file, 'utf8')
                  .split('\n')
                  .filter(Boolean)
                  .map((line) => JSON.parse(line))
              : [],
          ...(file ? { file } : {}),
        };
        return archive;
      },
    );
  }

  get ruleCount(): number {
    return this.rules.length;
  }

  private readonly timers: NodeJS.Timeout[] = [];

  /**
   * Starts the schedule rules: `rate(...)` expressions, shortened by the time
   * scale, but never to less than a second: each firing is a Lambda
   * invocation (a sweep reads its tables), and the machine that runs the
   * local cloud runs its tests too.
   */
  startSchedules(): void {
    for (const rule of this.rules) {
      if (!rule.schedule || !rule.enabled) continue;
      const intervalMs = rateMilliseconds(rule.schedule);
      if (intervalMs === undefined) {
        this.options.log?.(
          `EventBridge | ${rule.displayName}: ${rule.schedule} is not run locally (only rate() is)`,
        );
        continue;
      }
      const fire = () => {
        const event: BusEvent = {
          version: '0',
          id: randomUUID(),
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          account: LOCAL_ACCOUNT,
          time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          region: this.region,
          resources: [rule.arn],
          detail: {},
        };
        for (const target of rule.targets) void this.deliverWithRetries(rule, target, event);
      };
      this.timers.push(
        setInterval(fire, Math.max(MIN_SCHEDULE_MS, intervalMs * (this.options.timeScale ?? 1))),
      );
    }
  }

  stopSchedules(): void {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
  }

  private busNameOf(nameOrArn: string): string {
    return this.buses.find((bus) => bus.name === nameOrArn || bus.arn === nameOrArn)?.name ?? nameOrArn;
  }

  /** PutEvents: each entry is accepted or reported failed on its own, as EventBridge does. */
  putEvents(entries: readonly Record<string, unknown>[]) {
    const results = entries.map((entry) => {
      try {
        const event = this.accept(entry);
        return { EventId: event.id };
      } catch (error) {
        const failure =
          error instanceof AwsServiceError ? error : new AwsServiceError('InternalFailure', String(error));
        return { ErrorCode: failure.type, ErrorMessage: failure.message };
      }
    });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  private accept(entry: Record<string, unknown>, replayName?: string): BusEvent {
    const busName = this.busNameOf(String(entry.EventBusName ?? 'default'));
    if (!this.buses.some((bus) => bus.name === busName)) {
      throw new AwsServiceError('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
    }
    if (typeof entry.Source !== 'string' || !entry.Source)
      throw new AwsServiceError('InvalidArgument', 'Source is required.');
    if (typeof entry.DetailType !== 'string' || !entry.DetailType) {
      throw new AwsServiceError('InvalidArgument', 'DetailType is required.');
    }
    let detail: unknown;
    try {
      detail = JSON.parse(String(entry.Detail ?? '{}'));
    } catch {
      throw new AwsServiceError('MalformedDetail', 'Detail is not valid JSON.');
    }
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
      throw new AwsServiceError('MalformedDetail', 'Detail must be a JSON object.');
    }
    const size = Buffer.byteLength(`${entry.Source}${entry.DetailType}${entry.Detail ?? ''}`);
    if (size > MAX_ENTRY_BYTES) throw new AwsServiceError('ValidationException', 'The entry exceeds 256 KB.');
    const time = entry.Time !== undefined ? awsTimestamp(entry.Time, 'Time') : new Date();
    const event: BusEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: LOCAL_ACCOUNT,
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.region,
      resources: Array.isArray(entry.Resources) ? (entry.Resources as string[]) : [],
      detail,
      ...(replayName ? { 'replay-name': replayName } : {}),
    };
    this.published.push(event);
    if (!replayName) this.options.usage?.eventPublished(size, entry.DetailType);
    if (!replayName) this.archive(busName, event);
    this.route(busName, event);
    return event;
  }

  private archive(busName: string, event: BusEvent): void {
    const busArn = this.buses.find((bus) => bus.name === busName)?.arn;
    for (const archive of this.archives) {
      if (archive.busArn !== busArn || (archive.matcher && !archive.matcher.matches(event))) continue;
      const record = { archivedAt: Date.now(), busName, event };
      archive.events.push(record);
      if (archive.file) {
        mkdirSync(dirname(archive.file), { recursive: true });
        appendFileSync(archive.file, `${JSON.stringify(record)}\n`);
      }
    }
  }

  private route(busName: string, event: BusEvent): void {
    for (const rule of this.rules) {
      if (!rule.enabled || !rule.matcher || rule.busName !== busName || !rule.matcher.matches(event))
        continue;
      for (const target of rule.targets) void this.deliverWithRetries(rule, target, event);
    }
  }

  private async deliverWithRetries(rule: Rule, target: Target, event: BusEvent): Promise<void> {
    const maxAttempts = 1 + (target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS);
    const maxAgeMs = (target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_MAX_AGE_SECONDS) * 1000;
    const scale = this.options.timeScale ?? 1;
    const started = Date.now();
    let input: unknown;
    try {
      input = transformInput(event, target, rule, new Date(started));
    } catch (error) {
      // A template that fills into something other than JSON fails the same way every time: no retries.
      if (!(error instanceof InputTransformationError)) throw error;
      this.failDelivery(rule, target, event, 'InputTransformationFailed', error.message);
      return;
    }
    let lastError = 'unknown';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        await this.delivery.deliver(target.Arn, input);
        return;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      const delay = Math.random() * Math.min(60_000, 1000 * 2 ** attempt) * scale;
      if ((Date.now() - started) / scale + delay / scale > maxAgeMs) break;
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
    this.failDelivery(rule, target, event, 'DeliveryFailed', lastError);
  }

  private failDelivery(rule: Rule, target: Target, event: BusEvent, code: string, message: string): void {
    this.options.log?.(
      `EventBridge | ${rule.displayName} could not deliver ${event['detail-type']} to ${target.Id}: ${message}`,
    );
    if (target.DeadLetterConfig?.Arn) {
      this.delivery.deadLetter(target.DeadLetterConfig.Arn, JSON.stringify(event), {
        RULE_ARN: rule.arn,
        TARGET_ARN: target.Arn,
        ERROR_CODE: code,
        ERROR_MESSAGE: message.slice(0, 256),
      });
    }
  }

  /** Re-sends the archived events of a time window to their bus, marked with the replay's name. */
  replay(input: Record<string, unknown>) {
    const archive = this.archives.find(
      (candidate) => candidate.arn === input.EventSourceArn || candidate.name === input.EventSourceArn,
    );
    if (!archive)
      throw new AwsServiceError(
        'ResourceNotFoundException',
        `Archive ${String(input.EventSourceArn)} does not exist.`,
      );
    const from = awsTimestamp(input.EventStartTime, 'EventStartTime').getTime();
    const to = awsTimestamp(input.EventEndTime, 'EventEndTime').getTime();
    if (!(from < to))
      throw new AwsServiceError('ValidationException', 'EventStartTime must be before EventEndTime.');
    const replayName = String(input.ReplayName ?? `replay-${Date.now()}`);
    const selected = archive.events.filter(({ event }) => {
      const time = new Date(event.time).getTime();
      return time >= from && time < to;
    });
    for (const { busName, event } of selected) {
      this.accept(
        {
          EventBusName: busName,
          Source: event.source,
          DetailType: event['detail-type'],
          Detail: JSON.stringify(event.detail),
          Time: event.time,
          Resources: event.resources,
        },
        replayName,
      );
    }
    return {
      ReplayArn: `${archive.arn.replace(':archive/', ':replay/')}-${replayName}`,
      State: 'COMPLETED',
      replayedEvents: selected.length,
    };
  }

  readonly service: JsonService = {
    targetPrefix: 'AWSEvents',
    operations: {
      PutEvents: ({ Entries }) => {
        if (!Array.isArray(Entries) || Entries.length === 0 || Entries.length > 10) {
          throw new AwsServiceError('ValidationException', 'PutEvents takes 1 to 10 entries.');
        }
        return this.putEvents(Entries as Record<string, unknown>[]);
      },
      StartReplay: (input) => this.replay(input),
      DescribeArchive: ({ ArchiveName }) => {
        const archive = this.archives.find((candidate) => candidate.name === ArchiveName);
        if (!archive)
          throw new AwsServiceError(
            'ResourceNotFoundException',
            `Archive ${String(ArchiveName)} does not exist.`,
          );
        return {
          ArchiveArn: archive.arn,
          ArchiveName: archive.name,
          EventSourceArn: archive.busArn,
          EventCount: archive.events.length,
          State: 'ENABLED',
        };
      },
      ListArchives: () => ({
        Archives: this.archives.map((archive) => ({
          ArchiveName: archive.name,
          EventSourceArn: archive.busArn,
          EventCount: archive.events.length,
          State: 'ENABLED',
        })),
      }),
      ListRules: () => ({
        Rules: this.rules.map((rule) => ({
          Name: rule.name,
          Arn: rule.arn,
          EventBusName: rule.busName,
          // Schedule rules carry no pattern.
          ...(rule.pattern
            ? { EventPattern: JSON.stringify(rule.pattern) }
            : { ScheduleExpression: rule.schedule }),
          State: rule.enabled ? 'ENABLED' : 'DISABLED',
        })),
      }),
    },
  };
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** The shortest interval at which the local bus fires a schedule, whatever the time scale. */
export const MIN_SCHEDULE_MS = 1_000;

/** `rate(5 minutes)` in milliseconds; undefined for cron() and anything else. */
export const rateMilliseconds = (expression: string): number | undefined => {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression.trim());
  const unit = match?.[2];
  return match && unit ? Number(match[1]) * (UNIT_MS[unit] ?? 0) : undefined;
};

/**
 * A rule, archive or target the template defines and EventBridge would
 * refuse: the local cloud does not start, and says which and why in a line.
 */
export class InvalidRuleError extends LocalCloudError {
  constructor(owner: string, reason: string) {
    super(`EventBridge refuses ${owner}: ${reason}`);
    this.name = 'InvalidRuleError';
  }
}

const checked = <T>(owner: string, check: () => T): T => {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidPatternError || error instanceof InvalidTargetInputError)
      throw new InvalidRuleError(owner, error.message);
    throw error;
  }
};
