import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and metrics per function, configured by the Powertools
 * environment variables that ServiceFunction sets (service name, namespace,
 * log level). Keys such as the correlation id are appended per invocation.
 *
 * No Powertools tracer: X-Ray's traces come from Lambda's active tracing
 * (init, invocation and errors of every function, and the state machines'
 * executions). The tracer's X-Ray SDK was 45 % of every bundle (aws-xray-sdk-core,
 * semver, cls-hooked: about 125 KB) and a good part of every cold start, for a
 * handler subsegment annotated with the cold start and the service only.
 */
export const logger = new Logger();
export const metrics = new Metrics();

import { MetricUnit } from '@aws-lambda-powertools/metrics';

export { MetricUnit };

/**
 * Counts a business event (`OrderConfirmed`, `OrderCancelled` by reason…) in
 * the shop's namespace; dimensions make it a metric of its own, so the
 * dashboard can split it.
 */
export const countBusinessEvent = (name: string, dimensions: Readonly<Record<string, string>> = {}): void => {
  if (Object.keys(dimensions).length === 0) {
    metrics.addMetric(name, MetricUnit.Count, 1);
    return;
  }
  const single = metrics.singleMetric();
  for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
  single.addMetric(name, MetricUnit.Count, 1);
};
