import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { eventSourcesOf } from '../../functions/services.js';
import { relayConfig } from '../../functions/shared/outbox/config.js';
import { OUTBOX_STREAM_FILTERS } from '../../functions/shared/outbox/outbox.js';
import type { ServiceName } from '../../functions/shared/service-manifest.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { ServiceFunction } from './service-function.js';

/**
 * Publishes a service's outbox: the table's stream, filtered to new outbox
 * items, feeds a relay that puts them on the bus. A batch that keeps failing
 * is split in halves to isolate the bad record, retried a bounded number of
 * times, and then recorded in a dead-letter queue instead of blocking the shard.
 */
export class OutboxRelay extends Construct {
  readonly function: ServiceFunction<typeof relayConfig>;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: { service: ServiceName; table: ITable; bus: IEventBus }) {
    super(scope, id);
    this.function = new ServiceFunction(this, 'RelayOutbox', {
      service: props.service,
      entry: 'functions/shared/outbox/relay-outbox.handler.ts',
      config: relayConfig,
      environment: { EVENT_BUS_NAME: props.bus.eventBusName },
      description: `${props.service}: publishes the outbox to the event bus`,
    });
    // Only its own service's events: a relay cannot put another service's source on the bus.
    const sources = eventSourcesOf(props.service);
    if (sources.length === 0) throw new Error(`${props.service} has an outbox but publishes no events.`);
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [props.bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': [...sources] } },
      }),
    );
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', { purpose: 'of the stream mapping' });
    this.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        filters: OUTBOX_STREAM_FILTERS.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
  }
}
