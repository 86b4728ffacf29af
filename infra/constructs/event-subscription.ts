import { Duration } from 'aws-cdk-lib';
import { type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import type { EventDefinition } from '../../functions/shared/events/define-event.js';
import { DeadLetterQueue } from './dead-letter-queue.js';

/**
 * A function consuming domain events: one rule per event, matching exactly
 * that event's definition. Delivery is retried by EventBridge, a failing
 * invocation twice by Lambda, and what still fails waits in a dead-letter
 * queue for a redrive — never lost.
 */
export class EventSubscription extends Construct {
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(
    scope: Construct,
    id: string,
    props: { bus: IEventBus; events: readonly EventDefinition[]; consumer: IFunction },
  ) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', { purpose: 'of the subscription' });
    props.consumer.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    for (const event of props.events) {
      new Rule(this, event.detailType, {
        eventBus: props.bus,
        description: `${event.detailType} → ${props.consumer.node.id}`,
        eventPattern: {
          source: [...event.pattern.source],
          detailType: [...event.pattern['detail-type']],
          detail: { metadata: { version: [...event.pattern.detail.metadata.version] } },
        },
        targets: [
          new LambdaFunction(props.consumer, {
            retryAttempts: 8,
            maxEventAge: Duration.hours(24),
            deadLetterQueue: this.deadLetterQueue,
          }),
        ],
      });
    }
  }
}
