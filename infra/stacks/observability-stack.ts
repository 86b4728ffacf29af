import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Observability, type ObservabilityProps } from '../constructs/observability.js';

/**
 * The dashboard and the alarms, built last: it reads the metrics of every
 * other stack (their dead-letter queues, the sagas, the API) and none of
 * them depends on it, so it can change without touching a service.
 */
export class ShopObservabilityStack extends Stack {
  readonly observability: Observability;

  constructor(scope: Construct, id: string, observed: ObservabilityProps, props?: StackProps) {
    super(scope, id, props);
    this.observability = new Observability(this, 'Observability', observed);
  }
}
