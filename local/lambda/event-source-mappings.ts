import { randomUUID } from 'node:crypto';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { localCredentials } from '../aws-clients.js';
import { withEmptyMaps } from '../dynamodb/stream-images.js';
import { LocalCloudError } from '../errors.js';
import { type CompiledPattern, compilePattern, InvalidPatternError } from '../eventbridge/pattern.js';
import { sleep } from '../net.js';
import type { LocalQueues } from '../sqs/queues.js';
import { type CloudAssembly, resourcesOfType } from '../template/assembly.js';
import type { TemplateResolver } from '../template/resolver.js';
import type { FunctionInvoker } from './functions.js';

interface MappingConfig {
  readonly name: string;
  readonly functionName: string;
  readonly sourceArn: string;
  readonly batchSize: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST';
  readonly bisect: boolean;
  /** -1: until the record expires. */
  readonly maxRetries: number;
  readonly maxRecordAgeMs: number;
  readonly reportBatchItemFailures: boolean;
  readonly onFailureArn?: string;
  readonly filters: readonly CompiledPattern[];
}

/**
 * How often a stream is read. After a write through the local DynamoDB
 * endpoint (`wake`), at once; while the tables are idle, ever less often, up
 * to `IDLE_POLL_MS`, so that an idle local cloud costs next to no CPU (a write
 * that bypasses the endpoint, e.g. an operations command's, is still read
 * within that time).
 */
const BUSY_POLL_MS = 50;
const IDLE_POLL_MS = 10_000;
/** Shards are listed again this often (DynamoDB Local opens a new shard every few hours). */
const DESCRIBE_EVERY_MS = 30_000;

/**
 * Lambda event source mappings from the template: DynamoDB streams (read
 * from DynamoDB Local's stream API) and SQS queues. Filter criteria use the
 * EventBridge pattern syntax, as Lambda's do.
 */
export class LocalEventSourceMappings {
  private running = true;
  private readonly loops: Promise<void>[] = [];
  /** Stream readers waiting for a write or their next idle poll. */
  private sleepers = new Set<() => void>();

  /** Writes (and messages) seen so far: a reader that read before the latest one reads again. */
  private writes = 0;

  /** A table was written: every stream reader reads now. */
  wake(): void {
    this.writes++;
    const sleepers = this.sleepers;
    this.sleepers = new Set();
    for (const wakeUp of sleepers) wakeUp();
  }

  /**
   * Waits `ms`, or less if a write comes first; tells the delay to wait
   * next time. After a wake-up that is the shortest again: the record a
   * write puts on the stream may not be readable the instant the write is
   * answered, so the reader reads again soon, then ever less often.
   */
  private async idle(ms: number, writesWhenRead: number): Promise<number> {
    // A write while the reader was reading: what it read may predate it.
    if (this.writes !== writesWhenRead) return BUSY_POLL_MS;
    const woken = await new Promise<boolean>((resolve) => {
      const wakeUp = (byWrite: boolean) => {
        clearTimeout(timer);
        this.sleepers.delete(onWrite);
        resolve(byWrite);
      };
      const onWrite = () => wakeUp(true);
      const timer = setTimeout(() => wakeUp(false), ms);
      this.sleepers.add(onWrite);
    });
    return woken ? BUSY_POLL_MS : Math.min(ms * 2, IDLE_POLL_MS);
  }
  private readonly configs: MappingConfig[];

  constructor(
    assembly: CloudAssembly,
    private readonly resolver: TemplateResolver,
    private readonly functions: FunctionInvoker,
    private readonly queues: LocalQueues,
    private readonly options: { dynamoDbEndpoint: string; timeScale?: number; log: (line: string) => void },
  ) {
    this.configs = resourcesOfType(assembly, 'AWS::Lambda::EventSourceMapping')
      .map(({ stackName, logicalId, resource }) => {
        const props = resolver.resolve(stackName, resource.Properties ?? {}) as Record<string, unknown>;
        if (props.Enabled === false) return undefined;
        const filters = (
          (props.FilterCriteria as { Filters?: { Pattern: string }[] } | undefined)?.Filters ?? []
        ).map((filter) => {
          // Lambda checks a filter when the mapping is created, as EventBridge checks a rule's pattern.
          try {
            return compilePattern(JSON.parse(filter.Pattern));
          } catch (error) {
            if (error instanceof InvalidPatternError || error instanceof SyntaxError)
              throw new LocalCloudError(
                `Lambda refuses the filter of event source mapping ${logicalId}: ${error.message}`,
              );
            throw error;
          }
        });
        const onFailure = (props.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined)
          ?.OnFailure?.Destination;
        return {
          name: logicalId,
          functionName: String(props.FunctionName),
          sourceArn: String(props.EventSourceArn),
          batchSize: Number(props.BatchSize ?? 100),
          startingPosition: props.StartingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
          bisect: props.BisectBatchOnFunctionError === true,
          maxRetries: Number(props.MaximumRetryAttempts ?? -1),
          maxRecordAgeMs: Number(props.MaximumRecordAgeInSeconds ?? -1) * 1000,
          reportBatchItemFailures: ((props.FunctionResponseTypes ?? []) as string[]).includes(
            'ReportBatchItemFailures',
          ),
          ...(onFailure ? { onFailureArn: onFailure } : {}),
          filters,
        } satisfies MappingConfig;
      })
      .filter((config): config is NonNullable<typeof config> => config !== undefined);
  }

  get count(): number {
    return this.configs.length;
  }

  start(): void {
    const streams = new DynamoDBStreamsClient({
      endpoint: this.options.dynamoDbEndpoint,
      region: this.resolver.environment.region,
      credentials: localCredentials,
    });
    for (const config of this.configs) {
      if (config.sourceArn.includes(':dynamodb:')) this.loops.push(this.pollStream(streams, config));
      else if (config.sourceArn.includes(':sqs:')) this.loops.push(this.pollQueue(config));
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.allSettled(this.loops);
  }

  private passesFilters(config: MappingConfig, record: unknown): boolean {
    return config.filters.length === 0 || config.filters.some((filter) => filter.matches(record));
  }

  private async pollStream(client: DynamoDBStreamsClient, config: MappingConfig): Promise<void> {
    const iterators = new Map<string, string | undefined>();
    /** The last record handled per shard, to resume after it when an iterator dies. */
    const lastSequence = new Map<string, string>();
    const finished = new Set<string>();
    let first = true;
    let described = 0;
    let idleMs = BUSY_POLL_MS;
    const iteratorFor = async (shardId: string, type: 'TRIM_HORIZON' | 'LATEST') => {
      const after = lastSequence.get(shardId);
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamArn: config.sourceArn,
          ShardId: shardId,
          ...(after
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
            : { ShardIteratorType: type }),
        }),
      );
      return ShardIterator;
    };
    while (this.running) {
      const due = Date.now() - described > DESCRIBE_EVERY_MS || iterators.size === 0;
      if (due)
        try {
          described = Date.now();
          const { StreamDescription } = await client.send(
            new DescribeStreamCommand({ StreamArn: config.sourceArn }),
          );
          for (const shard of StreamDescription?.Shards ?? []) {
            const shardId = shard.ShardId;
            if (!shardId || iterators.has(shardId) || finished.has(shardId)) continue;
            const ready =
              !shard.ParentShardId ||
              finished.has(shard.ParentShardId) ||
              !iterators.has(shard.ParentShardId);
            if (!ready) continue;
            iterators.set(
              shardId,
              await iteratorFor(
                shardId,
                first && config.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
              ),
            );
          }
          first = false;
        } catch (error) {
          if (!this.running) return;
          this.options.log(
            `EventSourceMapping ${config.name} | ${error instanceof Error ? error.message : String(error)}`,
          );
          await sleep(500);
          continue;
        }
      let received = 0;
      const writesWhenRead = this.writes;
      for (const [shardId, iterator] of iterators) {
        if (!iterator) {
          iterators.delete(shardId);
          finished.add(shardId);
          described = 0; // a closed shard: its child must be found now
          continue;
        }
        try {
          const { Records = [], NextShardIterator } = await client.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
          );
          iterators.set(shardId, NextShardIterator);
          received += Records.length;
          const records = Records.map((record) => this.lambdaRecord(config, record));
          const last = records.at(-1)?.dynamodb.SequenceNumber;
          const passing = records.filter((record) => this.passesFilters(config, record));
          for (let start = 0; start < passing.length; start += config.batchSize) {
            await this.processStreamBatch(config, shardId, passing.slice(start, start + config.batchSize), 0);
          }
          if (last) lastSequence.set(shardId, last);
        } catch (error) {
          if (!this.running) return;
          // An expired or trimmed iterator is replaced by one after the last record handled.
          if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
            iterators.set(shardId, await iteratorFor(shardId, 'TRIM_HORIZON').catch(() => undefined));
            continue;
          }
          this.options.log(
            `EventSourceMapping ${config.name} | ${error instanceof Error ? error.message : String(error)}`,
          );
          await sleep(500);
        }
      }
      idleMs = received > 0 ? BUSY_POLL_MS : await this.idle(idleMs, writesWhenRead);
    }
  }

  /**
   * A stream record as Lambda hands it over: the source ARN added, the
   * creation time in epoch seconds, empty maps as AWS sends them.
   */
  private lambdaRecord(config: MappingConfig, record: _Record) {
    const { ApproximateCreationDateTime: created, ...rest } = record.dynamodb ?? {};
    const dynamodb: Omit<NonNullable<_Record['dynamodb']>, 'ApproximateCreationDateTime'> & {
      ApproximateCreationDateTime?: number;
    } = {
      ...withEmptyMaps(rest),
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    };
    return { ...record, eventSourceARN: config.sourceArn, dynamodb };
  }

  private async processStreamBatch(
    config: MappingConfig,
    shardId: string,
    records: ReturnType<LocalEventSourceMappings['lambdaRecord']>[],
    attempt: number,
  ): Promise<void> {
    if (records.length === 0 || !this.running) return;
    const result = await this.functions.invoke(config.functionName, { Records: records });
    let remaining = records;
    if (result.ok) {
      const failures = config.reportBatchItemFailures
        ? ((result.payload as { batchItemFailures?: { itemIdentifier: string }[] } | null)
            ?.batchItemFailures ?? [])
        : [];
      if (failures.length === 0) return;
      const sequenceNumbers = new Set(failures.map((failure) => failure.itemIdentifier));
      const index = records.findIndex((record) => sequenceNumbers.has(record.dynamodb.SequenceNumber ?? ''));
      remaining = index < 0 ? records : records.slice(index);
    }
    const oldest = (remaining[0]?.dynamodb.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000;
    const expired = config.maxRecordAgeMs > 0 && Date.now() - oldest > config.maxRecordAgeMs;
    if ((config.maxRetries >= 0 && attempt >= config.maxRetries) || expired) {
      this.sendStreamFailure(config, shardId, remaining, attempt + 1);
      return;
    }
    await sleep(Math.min(1000, 50 * 2 ** attempt) * (this.options.timeScale ?? 1));
    if (!result.ok && config.bisect && remaining.length > 1) {
      const half = Math.ceil(remaining.length / 2);
      await this.processStreamBatch(config, shardId, remaining.slice(0, half), attempt + 1);
      await this.processStreamBatch(config, shardId, remaining.slice(half), attempt + 1);
      return;
    }
    await this.processStreamBatch(config, shardId, remaining, attempt + 1);
  }

  private sendStreamFailure(
    config: MappingConfig,
    shardId: string,
    records: ReturnType<LocalEventSourceMappings['lambdaRecord']>[],
    invokeCount: number,
  ): void {
    this.options.log(
      `EventSourceMapping ${config.name} | gave up on ${records.length} record(s) after ${invokeCount} attempts`,
    );
    if (!config.onFailureArn) return;
    const first = records[0]?.dynamodb;
    const last = records.at(-1)?.dynamodb;
    this.queues.send(
      config.onFailureArn,
      JSON.stringify({
        requestContext: {
          requestId: randomUUID(),
          functionArn: this.functions.find(config.functionName)?.arn,
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: invokeCount,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
        version: '1.0',
        timestamp: new Date().toISOString(),
        DDBStreamBatchInfo: {
          shardId,
          startSequenceNumber: first?.SequenceNumber,
          endSequenceNumber: last?.SequenceNumber,
          approximateArrivalOfFirstRecord: first?.ApproximateCreationDateTime,
          approximateArrivalOfLastRecord: last?.ApproximateCreationDateTime,
          batchSize: records.length,
          streamArn: config.sourceArn,
        },
      }),
    );
  }

  private async pollQueue(config: MappingConfig): Promise<void> {
    let idleMs = BUSY_POLL_MS;
    while (this.running) {
      const writesWhenRead = this.writes;
      const messages = this.queues.receive(config.sourceArn, Math.min(config.batchSize, 10));
      if (messages.length === 0) {
        idleMs = await this.idle(idleMs, writesWhenRead);
        continue;
      }
      idleMs = BUSY_POLL_MS;
      const records = messages.map((message) => ({
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        attributes: message.attributes,
        messageAttributes: message.messageAttributes,
        eventSource: 'aws:sqs',
        eventSourceARN: config.sourceArn,
        awsRegion: this.resolver.environment.region,
      }));
      const passing = records.filter((record) => this.passesFilters(config, record));
      const result =
        passing.length > 0
          ? await this.functions.invoke(config.functionName, { Records: passing })
          : undefined;
      if (result && !result.ok) continue; // every message becomes visible again after its visibility timeout
      const failed = new Set(
        config.reportBatchItemFailures
          ? (
              (result?.payload as { batchItemFailures?: { itemIdentifier: string }[] } | null)
                ?.batchItemFailures ?? []
            ).map((failure) => failure.itemIdentifier)
          : [],
      );
      for (const record of records) {
        if (!failed.has(record.messageId) && record.receiptHandle)
          this.queues.delete(config.sourceArn, record.receiptHandle);
      }
    }
  }
}
