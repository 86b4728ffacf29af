import { Duration, Stack } from 'aws-cdk-lib';
import { type CfnRule, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import type { EventDefinition } from '../../functions/shared/events/define-event.js';
import type { DataFilter } from '../../functions/shared/service-manifest.js';
import { DeadLetterQueue } from './dead-letter-queue.js';

/**
 * A function consuming domain events: one rule per event, matching exactly
 * that event's definition, and with `where` only the events whose data has
 * those values (the others cost no invocation). Delivery is retried by
 * EventBridge, a failing invocation twice by Lambda, and what still fails
 * waits in a dead-letter queue for a redrive — never lost.
 *
 * The queue's policy lets the bus's rules send to it in one statement with
 * one condition, however many events the consumer hears: one statement per
 * rule (CDK's default) would reach SQS's limit of 10 conditions per policy
 * at nine events.
 */
export class EventSubscription extends Construct {
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(
    scope: Construct,
    id: string,
    props: { bus: IEventBus; events: readonly EventDefinition[]; consumer: IFunction; where?: DataFilter },
  ) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', { purpose: 'of the subscription' });
    props.consumer.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    this.deadLetterQueue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'TheShopBusRulesMayDeadLetter',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': Stack.of(this).formatArn({
              service: 'events',
              resource: 'rule',
              resourceName: `${props.bus.eventBusName}/*`,
            }),
          },
        },
      }),
    );
    for (const event of props.events) {
      const fields = 'shape' in event.data ? Object.keys(event.data.shape as object) : [];
      const unknown = Object.keys(props.where ?? {}).filter((field) => !fields.includes(field));
      if (unknown.length > 0)
        throw new Error(`${id}: ${event.detailType} data has no field ${unknown.join(', ')} to filter on.`);
      const rule = new Rule(this, event.detailType, {
        eventBus: props.bus,
        description: `${event.detailType} → ${props.consumer.node.id}`,
        eventPattern: {
          source: [...event.pattern.source],
          detailType: [...event.pattern['detail-type']],
          detail: {
            metadata: { version: [...event.pattern.detail.metadata.version] },
            ...(props.where ? { data: props.where } : {}),
          },
        },
        targets: [new LambdaFunction(props.consumer, { retryAttempts: 8, maxEventAge: Duration.hours(24) })],
      });
      (rule.node.defaultChild as CfnRule).addPropertyOverride(
        'Targets.0.DeadLetterConfig.Arn',
        this.deadLetterQueue.queueArn,
      );
    }
  }
}
