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
export { MetricUnit } from '@aws-lambda-powertools/metrics';
