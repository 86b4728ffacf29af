import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { logger, MetricUnit, metrics } from '../shared/observability.js';
import {
  dynamoPaymentLedger,
  dynamoPaymentStore,
  dynamoSimulatorLedger,
} from './adapters/dynamodb-payments.js';
import { ledgeredProvider } from './adapters/ledgered-provider.js';
import { resilientProvider } from './adapters/resilient-provider.js';
import { simulatedProvider } from './adapters/simulated-provider.js';
import { ledgerConfig, paymentsConfig } from './config.js';
import { CircuitBreaker } from './domain/circuit-breaker.js';
import type { PaymentLedger, PaymentsDependencies } from './use-cases/ports.js';

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
    const clock = () => new Date();
    dependencies = {
      // Every call that reaches the provider (through the timeout and the circuit) goes to the ledger.
      provider: ledgeredProvider(
        resilientProvider(simulator, breaker, config.PAYMENT_PROVIDER_TIMEOUT_MS),
        dynamoPaymentLedger(db, config.PAYMENTS_TABLE_NAME),
        clock,
      ),
      payments: dynamoPaymentStore(db, config.PAYMENTS_TABLE_NAME),
      clock,
    };
  }
  return dependencies;
};

let ledger: PaymentLedger | undefined;

/** The ledger alone, for the admins' read of an order's calls to the provider. */
export const paymentLedger = (): PaymentLedger => {
  ledger ??= dynamoPaymentLedger(dynamoDocumentClient(), ledgerConfig.load().PAYMENTS_TABLE_NAME);
  return ledger;
};
