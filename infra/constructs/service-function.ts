import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, SystemLogLevel, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type * as z from 'zod/mini';
import type { PaymentProviderName } from '../../functions/payments/contracts/provider.js';
import type { Environment, ServiceConfig } from '../../functions/shared/config.js';
import { kebabCase, type ServiceName } from '../../functions/shared/service-manifest.js';
import { acknowledge } from './acknowledge.js';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The CloudWatch namespace of every business metric. */
export const METRICS_NAMESPACE = 'Shop';

/** The newest Node.js runtime aws-cdk-lib offers. */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

export interface ServiceFunctionProps<C extends ServiceConfig<z.core.$ZodShape>> {
  readonly service: ServiceName;
  /** The function's config declaration; `environment` must provide every variable it names. */
  readonly config: C;
  readonly environment: Environment<C>;
  /**
   * The handler file, relative to the project root. By default it follows
   * from the id: `CreateProduct` in catalog is `functions/catalog/handlers/create-product.handler.ts`.
   */
  readonly entry?: string;
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly description?: string;
  readonly logRetention?: RetentionDays;
  /**
   * The payment provider the function talks to: the bundler replaces
   * `process.env.PAYMENT_PROVIDER` with it, so the bundle holds the SDK of that provider only.
   */
  readonly paymentProvider?: PaymentProviderName;
}

/**
 * A function's handler file: `entry` (relative to the project root), or by
 * default the one its id names (`CreateProduct` in catalog is
 * `functions/catalog/handlers/create-product.handler.ts`).
 */
export const functionEntry = (service: ServiceName, id: string, entry?: string): string => {
  const file = join(PROJECT_ROOT, entry ?? `functions/${service}/handlers/${kebabCase(id)}.handler.ts`);
  if (!existsSync(file)) throw new Error(`${id}: no handler at ${file}`);
  return file;
};

/** What the bundler replaces in a function's code: its payment provider, when it talks to one. */
export const bundleDefines = (paymentProvider?: PaymentProviderName): Record<string, string> =>
  paymentProvider ? { 'process.env.PAYMENT_PROVIDER': JSON.stringify(paymentProvider) } : {};

/**
 * Every Lambda of the shop, with the house defaults: newest Node.js runtime,
 * arm64, minified ESM bundle with source maps (the AWS SDK is left to the
 * runtime), its own log group with retention, active tracing, and the
 * Powertools service name, metrics namespace and log level.
 */
export class ServiceFunction<C extends ServiceConfig<z.core.$ZodShape>> extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ServiceFunctionProps<C>) {
    const entry = functionEntry(props.service, id, props.entry);
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: it may write to its own log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry,
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description ?? `${props.service}: ${id}`,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      // Lambda's own START and REPORT records (INFO) are half a kilobyte per invocation, most of
      // the log bill; duration, errors and throttles are in Lambda's metrics, init times in the
      // X-Ray traces. WARN keeps what Lambda reports about failures.
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup,
      role,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        // Error class names survive minification: the saga's Retry and Catch match on them.
        keepNames: true,
        sourceMap: true,
        target: 'node24',
        mainFields: ['module', 'main'],
        // Some dependencies are CommonJS and call require(); ESM bundles need it defined.
        banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
        externalModules: ['@aws-sdk/*'],
        define: bundleDefines(props.paymentProvider),
      },
    });
    acknowledge(
      role,
      'IAM5[Resource::*]',
      'Only actions without resource-level permissions get *: X-Ray PutTraceSegments/PutTelemetryRecords, and dynamodb:ListStreams for stream sources.',
    );
  }
}
