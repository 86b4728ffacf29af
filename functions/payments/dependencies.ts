import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { logger, MetricUnit, metrics } from '../shared/observability.js';
import { once } from '../shared/once.js';
import { readSecret } from '../shared/secrets.js';
import {
  dynamoPaymentLedger,
  dynamoPaymentStore,
  dynamoSimulatorLedger,
} from './adapters/dynamodb-payments.js';
import { ledgeredProvider } from './adapters/ledgered-provider.js';
import { resilientProvider } from './adapters/resilient-provider.js';
import { simulatedProvider } from './adapters/simulated-provider.js';
import { ledgerConfig, paymentsConfig, webhookConfig } from './config.js';
import { CircuitBreaker } from './domain/circuit-breaker.js';
import type { PaymentLedger, PaymentProvider, PaymentsDependencies } from './use-cases/ports.js';
import type { ProviderReport } from './use-cases/record-provider-report.js';

/** Reads a provider's webhook: its report for one of the shop's orders, if it makes one. */
export type ReportReader = (body: string, signature: string) => Promise<ProviderReport | undefined>;

interface ProviderSettings {
  readonly PAYMENTS_TABLE_NAME: string;
  readonly PAYMENT_PROVIDER_SECRET_ARN: string;
  readonly PAYMENT_PROVIDER_TIMEOUT_MS: number;
}

/**
 * Stripe, built on first use. The bundler replaces `process.env.PAYMENT_PROVIDER`
 * with the deployment's provider (infra/constructs/service-function.ts), so
 * this import, and the SDK behind it, is only in the bundles of a Stripe shop.
 */
const stripe = (config: ProviderSettings) =>
  once(async () => {
    const adapter = await import('./adapters/stripe-provider.js');
    const stripeApi = adapter.stripeFromSecret(
      () => readSecret(config.PAYMENT_PROVIDER_SECRET_ARN),
      config.PAYMENT_PROVIDER_TIMEOUT_MS,
    );
    const reports: ReportReader = async (body, signature) =>
      adapter.stripeReportOf(await stripeApi.client(), await stripeApi.webhookSecret(), body, signature);
    return { provider: adapter.stripeProvider(() => stripeApi.client()), reports };
  });

/** The provider's calls, made once its adapter is loaded. */
const loaded = (adapter: () => Promise<{ provider: PaymentProvider }>): PaymentProvider => ({
  charge: async (request) => (await adapter()).provider.charge(request),
  findCharge: async (request) => (await adapter()).provider.findCharge(request),
  refund: async (request) => (await adapter()).provider.refund(request),
});

/** The deployment's provider: Stripe, or the simulator (its memory in the payments table). */
const providerOf = (config: ProviderSettings & { readonly SIMULATOR_HANG_MS?: number }): PaymentProvider =>
  process.env.PAYMENT_PROVIDER === 'stripe'
    ? loaded(stripe(config))
    : simulatedProvider(dynamoSimulatorLedger(dynamoDocumentClient(), config.PAYMENTS_TABLE_NAME), {
        hangMs: config.SIMULATOR_HANG_MS ?? 0,
      });

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
        // Named in full, so the infra test finds what the dashboard and the alarm may chart.
        if (to === 'OPEN') metrics.addMetric('PaymentCircuitOpened', MetricUnit.Count, 1);
        else if (to === 'HALF_OPEN') metrics.addMetric('PaymentCircuitHalfOpened', MetricUnit.Count, 1);
        else metrics.addMetric('PaymentCircuitClosed', MetricUnit.Count, 1);
      },
    });
    const clock = () => new Date();
    dependencies = {
      // Every call that reaches the provider (through the timeout and the circuit) goes to the ledger.
      provider: ledgeredProvider(
        resilientProvider(providerOf(config), breaker, config.PAYMENT_PROVIDER_TIMEOUT_MS),
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

let webhook: (PaymentsDependencies & { ledger: PaymentLedger; reports: ReportReader }) | undefined;

/**
 * The webhook's adapters: the provider's report reader, the ledger, and the
 * provider (through the ledger, with its timeout) to give back a late charge.
 */
export const webhookDependencies = () => {
  if (!webhook) {
    const config = webhookConfig.load();
    if (config.PAYMENT_PROVIDER !== 'stripe')
      throw new Error(`The webhook is deployed only with a real provider, not ${config.PAYMENT_PROVIDER}.`);
    const db = dynamoDocumentClient();
    const adapter = stripe(config);
    const clock = () => new Date();
    const paymentsLedger = dynamoPaymentLedger(db, config.PAYMENTS_TABLE_NAME);
    webhook = {
      provider: ledgeredProvider(loaded(adapter), paymentsLedger, clock),
      payments: dynamoPaymentStore(db, config.PAYMENTS_TABLE_NAME),
      ledger: paymentsLedger,
      reports: async (body, signature) => (await adapter()).reports(body, signature),
      clock,
    };
  }
  return webhook;
};
