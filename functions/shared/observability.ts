import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * One logger, metrics and tracer per function, configured by the Powertools
 * environment variables that ServiceFunction sets (service name, namespace,
 * log level). Keys such as the correlation id are appended per invocation.
 */
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();

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
