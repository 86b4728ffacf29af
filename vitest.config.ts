import { defineConfig } from 'vitest/config';
import { scaled } from './test/support/time-scale.js';

/** Quiet, deterministic Powertools in tests: no tracing, no metrics output, logs only on errors. */
const env = {
  POWERTOOLS_SERVICE_NAME: 'test',
  POWERTOOLS_METRICS_NAMESPACE: 'ShopTest',
  POWERTOOLS_TRACE_ENABLED: 'false',
  POWERTOOLS_METRICS_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  AWS_REGION: 'us-east-1',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  // The suite runs on Node.js 20 (CI); the SDK's notice about its own future support is noise here.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          env,
          testTimeout: scaled(5_000),
          hookTimeout: scaled(10_000),
        },
      },
      {
        test: {
          name: 'integration',
          testTimeout: scaled(5_000),
          include: ['test/integration/**/*.test.ts'],
          env,
          // DynamoDB Local, for the adapters' contract suites.
          globalSetup: ['test/support/dynamodb-local-setup.ts'],
          hookTimeout: scaled(60_000),
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          env,
          // Synthesizing the app and bundling every function takes seconds, not milliseconds.
          testTimeout: scaled(120_000),
          hookTimeout: scaled(120_000),
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          env,
          globalSetup: ['test/e2e/global-setup.ts'],
          // The local cloud synthesizes, bundles and starts DynamoDB Local once for the suite.
          hookTimeout: scaled(180_000),
          testTimeout: scaled(60_000),
        },
      },
      {
        test: {
          // Stripe's test mode when STRIPE_TEST_SECRET_KEY is set; skips, saying why, otherwise.
          name: 'stripe',
          include: ['test/stripe/**/*.test.ts'],
          env,
          testTimeout: scaled(180_000),
        },
      },
      {
        test: {
          name: 'localstack',
          include: ['test/localstack/**/*.test.ts'],
          env,
          // Starts LocalStack and deploys the shop into it, or finds in seconds that there is no
          // container runtime and tells the suite to skip (docs/localstack.md).
          globalSetup: ['test/localstack/global-setup.ts'],
          hookTimeout: scaled(600_000),
          testTimeout: scaled(300_000),
        },
      },
    ],
  },
});
