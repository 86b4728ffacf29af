import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { CANCELLATION_REASONS } from '../../functions/orders/contracts/vocabulary.js';
import type { ServiceName } from '../../functions/shared/service-manifest.js';
import { acknowledge } from './acknowledge.js';
import type { ShopHttpApi } from './http-api.js';
import { METRICS_NAMESPACE } from './service-function.js';

export interface ObservabilityProps {
  /** Absent when the stack is deployed without its HTTP API (`-c httpApi=false`). */
  readonly api?: ShopHttpApi;
  readonly stateMachines: readonly StateMachine[];
  /** Every dead-letter queue of the shop. */
  readonly deadLetterQueues: readonly Queue[];
  /** Where the saga leaves the orders it set aside (NEEDS_ATTENTION). */
  readonly setAside: Queue;
  /** What every function's name starts with: the stateless stacks' common prefix. */
  readonly functionNamePrefix: string;
  /** An address subscribed to the alarms (`-c alarmEmail=`); it confirms by the link SNS sends. */
  readonly alarmEmail?: string;
}

const PERIOD = Duration.minutes(5);

/**
 * The shop's CloudWatch dashboard and alarms. Alarms: the API's 5xx rate,
 * failed or timed-out sagas, any message in any dead-letter queue, any
 * order set aside (NEEDS_ATTENTION); all of them notify one SNS topic.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = new Topic(this, 'Alarms', { displayName: 'serverless-shop alarms', enforceSSL: true });
    acknowledge(
      this.topic,
      'SNS2',
      'CloudWatch alarms cannot publish to a topic under the AWS managed SNS key; alarm messages carry no customer data.',
    );
    // enforceSSL's deny-only policy replaces SNS's default one, which let the account's
    // services publish: CloudWatch needs an allow of its own, for this account's alarms only.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const { deadLetterQueues } = props;

    const apiId = props.api?.api.apiId;
    const apiMetric = (metricName: string, statistic = 'Sum') =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: apiId ?? '-', Stage: '$default' },
        statistic,
        period: PERIOD,
      });
    const lambdaSearch = (metricName: string, statistic: string) =>
      new MathExpression({
        expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metricName}" ${props.functionNamePrefix}', '${statistic}', 300)`,
        label: metricName,
        period: PERIOD,
      });
    /** A business metric as Powertools publishes it: with the `service` dimension of the function's service. */
    const serviceMetric = (metricName: string, service: ServiceName) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service },
        statistic: 'Sum',
        period: PERIOD,
        label: metricName,
      });
    const serverErrorRate =
      apiId &&
      new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { errors: apiMetric('5xx'), requests: apiMetric('Count') },
        label: '5xx %',
        period: PERIOD,
      });

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${props.functionNamePrefix}-shop` });
    this.dashboard.addWidgets(
      new TextWidget({ markdown: '# serverless-shop', width: 24, height: 1 }),
      ...(apiId
        ? [
            new GraphWidget({
              title: 'API requests and errors',
              left: [apiMetric('Count'), apiMetric('4xx'), apiMetric('5xx')],
              width: 12,
            }),
            new GraphWidget({
              title: 'API latency p99 (ms)',
              left: [apiMetric('Latency', 'p99')],
              width: 12,
            }),
          ]
        : []),
      new GraphWidget({
        title: 'Lambda errors and throttles (all functions)',
        left: [lambdaSearch('Errors', 'Sum'), lambdaSearch('Throttles', 'Sum')],
        width: 12,
      }),
      new GraphWidget({
        title: 'Lambda duration p99 (all functions)',
        left: [lambdaSearch('Duration', 'p99')],
        width: 12,
      }),
      ...props.stateMachines.map(
        (machine) =>
          new GraphWidget({
            title: `${machine.node.id} executions`,
            left: [
              machine.metricStarted({ period: PERIOD }),
              machine.metricSucceeded({ period: PERIOD }),
              machine.metricFailed({ period: PERIOD }),
              machine.metricTimedOut({ period: PERIOD }),
            ],
            width: 12,
          }),
      ),
      new GraphWidget({
        title: 'Dead-letter queues: messages waiting',
        left: deadLetterQueues.map((queue) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, label: queue.node.path }),
        ),
        width: 12,
      }),
      new GraphWidget({
        title: 'Orders',
        left: [
          serviceMetric('OrderPlaced', 'orders'),
          serviceMetric('OrderConfirmed', 'orders'),
          serviceMetric('PaymentDeclined', 'payments'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Parcels: shipped, news, delivered, returned; addresses changed',
        left: [
          serviceMetric('OrderShipped', 'shipping'),
          serviceMetric('ShipmentStatusChanged', 'shipping'),
          serviceMetric('OrderDelivered', 'orders'),
          serviceMetric('OrderReturned', 'orders'),
          serviceMetric('OrderAddressChanged', 'orders'),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'Orders cancelled, by reason',
        left: CANCELLATION_REASONS.map(
          (reason) =>
            new Metric({
              namespace: METRICS_NAMESPACE,
              metricName: 'OrderCancelled',
              dimensionsMap: { reason, service: 'orders' },
              statistic: 'Sum',
              period: PERIOD,
              label: reason,
            }),
        ),
        width: 12,
      }),
      ...(serverErrorRate
        ? [new SingleValueWidget({ title: 'API 5xx rate', metrics: [serverErrorRate], width: 12 })]
        : []),
    );

    const anyAtAll = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    };
    if (serverErrorRate)
      new Alarm(this, 'ApiServerErrors', {
        alarmDescription: 'More than 1% of API requests answered 5xx over 10 minutes.',
        metric: serverErrorRate,
        threshold: 1,
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    new Alarm(this, 'OrdersNeedAttention', {
      alarmDescription:
        'An order saga set an order aside (NEEDS_ATTENTION): see docs/runbooks/needs-attention.md.',
      metric: props.setAside.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      ...anyAtAll,
    });
    // Five payment calls in a row failed in one container: the provider is down, or refuses our key.
    new Alarm(this, 'PaymentProviderFailing', {
      alarmDescription:
        "The payment provider's circuit opened: payments fail as unavailable. Check the provider's status and its key (docs/operations.md).",
      metric: serviceMetric('PaymentCircuitOpened', 'payments'),
      ...anyAtAll,
    });
    for (const machine of props.stateMachines) {
      new Alarm(this, `${machine.node.id}Failed`, {
        alarmDescription: `An execution of ${machine.node.id} failed: an order was set aside.`,
        metric: machine.metricFailed({ period: Duration.minutes(1) }),
        ...anyAtAll,
      });
      // Express executions end at 5 minutes; one cut off leaves its order PENDING.
      new Alarm(this, `${machine.node.id}TimedOut`, {
        alarmDescription: `An execution of ${machine.node.id} timed out: its order is stuck PENDING.`,
        metric: machine.metricTimedOut({ period: Duration.minutes(1) }),
        ...anyAtAll,
      });
    }
    for (const queue of deadLetterQueues) {
      // Named by the path inside its stack: `Catalog/Outbox/DeadLetters` → MessagesInCatalogOutboxDeadLetters.
      new Alarm(
        this,
        `MessagesIn${queue.node.path
          .split('/')
          .slice(1)
          .join('')
          .replace(/[^A-Za-z0-9]/g, '')}`,
        {
          alarmDescription: `A message waits in ${queue.node.path}: see docs/runbooks/dead-letter-redrive.md.`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
          ...anyAtAll,
        },
      );
    }
    const action = new SnsAction(this.topic);
    for (const alarm of stack.node
      .findAll()
      .filter((construct): construct is Alarm => construct instanceof Alarm))
      alarm.addAlarmAction(action);
  }
}
