import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { logger, MetricUnit, metrics } from '../shared/observability.js';
import { dynamoPaymentStore, dynamoSimulatorLedger } from './adapters/dynamodb-payments.js';
import { resilientProvider } from './adapters/resilient-provider.js';
import { simulatedProvider } from './adapters/simulated-provider.js';
import { paymentsConfig } from './config.js';
import { CircuitBreaker } from './domain/circuit-breaker.js';
import type { PaymentsDependencies } from './use-cases/ports.js';

let dependencies: PaymentsDependencies | undefined;

/**
 * Payments' real adapters, built on first use and kept for the container's
 * life — the circuit breaker too, so it sees this container's consecutive failures.
 */
export const paymentsDependencies = (): PaymentsDependencies => {
  if (!dependencies) {
    const config = paymentsConfig.load();
    const db = dynamoDocumentClient();
    const breaker = new CircuitBreaker({
      failureThreshold: config.CIRCUIT_FAILURE_THRESHOLD,
      openMs: config.CIRCUIT_OPEN_MS,
      now: Date.now,
      onStateChange: (from, to) => {
        logger.warn('Payment provider circuit changed state', { circuit: { from, to } });
        metrics.addMetric(
          `PaymentCircuit${to === 'HALF_OPEN' ? 'HalfOpened' : to === 'OPEN' ? 'Opened' : 'Closed'}`,
          MetricUnit.Count,
          1,
        );
      },
    });
    // The simulator, as PAYMENT_PROVIDER ('simulated') tells GET /health.
    const simulator = simulatedProvider(dynamoSimulatorLedger(db, config.PAYMENTS_TABLE_NAME), {
      hangMs: config.SIMULATOR_HANG_MS,
    });
    dependencies = {
      provider: resilientProvider(simulator, breaker, config.PAYMENT_PROVIDER_TIMEOUT_MS),
      payments: dynamoPaymentStore(db, config.PAYMENTS_TABLE_NAME),
      clock: () => new Date(),
    };
  }
  return dependencies;
};
