import { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  orderCancellationDefinition,
  orderSagaDefinition,
  SAGA_LOGGING,
  SAGA_PLACEHOLDERS,
  type SagaResources,
  type StateMachineDefinition,
} from '../../state-machines/order-saga.js';
import { acknowledge } from './acknowledge.js';
import { DeadLetterQueue } from './dead-letter-queue.js';

export type SagaTasks = { readonly [K in Exclude<keyof SagaResources, 'deadLetterQueueUrl'>]: IFunction };

export interface OrderSagaProps {
  readonly tasks: SagaTasks;
  /** Standard (exactly-once start, full history) or Express (cheaper, at-least-once; idempotent tasks make it safe). */
  readonly workflowType: 'STANDARD' | 'EXPRESS';
}

/**
 * The order saga and the customer-cancellation workflow, deployed from the
 * definitions in state-machines/ with the task functions substituted. A
 * saga that had to set an order aside leaves a message in the dead-letter
 * queue and fails its execution; the observability stack alarms on both.
 */
export class OrderSaga extends Construct {
  readonly saga: StateMachine;
  readonly cancellation: StateMachine;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: OrderSagaProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      purpose: 'orders whose compensation failed, for an operator',
    });
    const substitutions: Record<string, string> = { DeadLetterQueueUrl: this.deadLetterQueue.queueUrl };
    for (const [key, fn] of Object.entries(props.tasks))
      substitutions[SAGA_PLACEHOLDERS[key as keyof SagaTasks].slice(2, -1)] = fn.functionArn;

    const machine = (name: string, definition: StateMachineDefinition) => {
      const express = props.workflowType === 'EXPRESS';
      const logging = SAGA_LOGGING[express ? 'EXPRESS' : 'STANDARD'];
      const logGroup = new LogGroup(this, `${name}Logs`, {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const stateMachine = new StateMachine(this, name, {
        definitionBody: DefinitionBody.fromString(JSON.stringify(definition)),
        definitionSubstitutions: substitutions,
        stateMachineType: express ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
        tracingEnabled: true,
        logs: {
          destination: logGroup,
          level: LogLevel[logging.level],
          includeExecutionData: logging.includeExecutionData,
        },
        comment: definition.Comment,
      });
      // The functions themselves, not their versions: `grantInvoke` would add `<arn>:*`.
      stateMachine.addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: Object.values(props.tasks).map((fn) => fn.functionArn),
        }),
      );
      this.deadLetterQueue.grantSendMessages(stateMachine);
      acknowledge(
        stateMachine,
        'IAM5[Resource::*]',
        'Only actions without resource-level permissions get *: the log delivery actions Step Functions needs to write its log group, and X-Ray.',
      );
      acknowledge(
        stateMachine,
        'SF1',
        express
          ? "Every step of an order is recorded in the order's timeline (orders table), durably, where Express logs are best-effort; the log holds the failures, and costs nothing for the orders that go through."
          : 'A Standard workflow keeps its full execution history; its log holds errors only, which keeps the cost per order down.',
      );
      return stateMachine;
    };
    this.saga = machine('OrderSaga', orderSagaDefinition(SAGA_PLACEHOLDERS));
    this.cancellation = machine('OrderCancellation', orderCancellationDefinition(SAGA_PLACEHOLDERS));
  }
}
