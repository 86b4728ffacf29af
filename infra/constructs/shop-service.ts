import { Duration, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IEventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type * as z from 'zod/mini';
import type { PaymentProviderName } from '../../functions/payments/contracts/provider.js';
import type { ServiceConfig } from '../../functions/shared/config.js';
import {
  type FunctionDeclaration,
  type FunctionRef,
  functionsOf,
  functionVariable,
  pascalCase,
  type ServiceManifest,
  type ServiceName,
  tableVariable,
  type WorkflowName,
  workflowVariable,
} from '../../functions/shared/service-manifest.js';
import { grantContractInvoke } from './contract-access.js';
import { EventSubscription } from './event-subscription.js';
import type { RouteTarget } from './http-api.js';
import type { ShopIdentity } from './identity.js';
import { OrderSaga, type SagaTasks } from './order-saga.js';
import { OutboxRelay } from './outbox-relay.js';
import { bundleDefines, functionEntry, ServiceFunction } from './service-function.js';
import { dynamoDbActionsOf, grantTableAccess } from './table-access.js';

/** A built function with its declaration. */
export interface BuiltFunction {
  readonly function: ServiceFunction<ServiceConfig<z.core.$ZodShape>>;
  readonly declaration: FunctionDeclaration;
}

/** What the shop gives every service, and the functions built so far (contracts and saga tasks come from them). */
export interface ShopResources {
  readonly bus: IEventBus;
  readonly tables: Readonly<Partial<Record<ServiceName, ITable>>>;
  /** Absent with `-c httpApi=false`: the services' routes are then not added. */
  readonly api?: RouteTarget;
  readonly cursorSecret: ISecret;
  readonly identity?: ShopIdentity;
  /** A verified SES identity to send from; without one, emails are logged and not sent. */
  readonly emailFrom?: string;
  readonly adminAlertEmail?: string;
  readonly workflowType: 'STANDARD' | 'EXPRESS';
  /** The payment provider, and its secret when it is a real one. */
  readonly payments: { readonly provider: PaymentProviderName; readonly secret?: ISecret };
  readonly built: Map<FunctionRef, BuiltFunction>;
}

/**
 * A service built from its manifest (functions/<service>/service.ts): each
 * function with the environment and grants its declaration names, its route,
 * event rules or schedule, the outbox relay, and the workflows it owns. At
 * synth, every function's environment must be exactly what its config reads.
 */
/**
 * A read contract's timeout: well inside its callers' (10 s by default),
 * which abandon the call `DEPENDENCY_MARGIN_MS` before their own deadline.
 */
export const CONTRACT_TIMEOUT_SECONDS = 5;

export class ShopService extends Construct {
  readonly functions: Readonly<Record<string, ServiceFunction<ServiceConfig<z.core.$ZodShape>>>>;
  readonly outbox?: OutboxRelay;
  /** The order saga and cancellation, for the service that owns them. */
  readonly saga?: OrderSaga;

  constructor(
    scope: Construct,
    readonly manifest: ServiceManifest,
    shop: ShopResources,
  ) {
    super(scope, pascalCase(manifest.name));
    const table = manifest.table ? shop.tables[manifest.name] : undefined;
    if (manifest.table && !table) throw new Error(`${manifest.name}: the shop has no table for it.`);

    const functions: Record<string, ServiceFunction<ServiceConfig<z.core.$ZodShape>>> = {};
    const environments = new Map<string, Record<string, string>>();
    for (const { name, ...declaration } of builtFunctionsOf(manifest, shop)) {
      const environment: Record<string, string> = { ...declaration.settings };
      const paymentProvider = declaration.paymentProvider === 'client' ? shop.payments.provider : undefined;
      const fn = new ServiceFunction(this, name, {
        ...(paymentProvider ? { paymentProvider } : {}),
        service: manifest.name,
        config: declaration.config,
        environment,
        ...(declaration.entry ? { entry: declaration.entry } : {}),
        ...(declaration.memorySize ? { memorySize: declaration.memorySize } : {}),
        ...(declaration.timeoutSeconds
          ? { timeout: Duration.seconds(declaration.timeoutSeconds) }
          : 'contract' in declaration.trigger
            ? // A contract answers within its callers' time: they give up on it before their own deadline.
              { timeout: Duration.seconds(CONTRACT_TIMEOUT_SECONDS) }
            : {}),
      });
      const set = (variable: string, value: string) => {
        environment[variable] = value;
        fn.addEnvironment(variable, value);
      };
      if (declaration.table && table && manifest.table) {
        set(tableVariable(manifest.name), table.tableName);
        grantTableAccess(
          table,
          manifest.table,
          fn,
          declaration.table,
          dynamoDbActionsOf(
            functionEntry(manifest.name, name, declaration.entry),
            bundleDefines(paymentProvider),
          ),
        );
      }
      for (const ref of declaration.calls ?? []) {
        const provider = shop.built.get(ref);
        if (!provider || !('contract' in provider.declaration.trigger))
          throw new Error(`${manifest.name}.${name} calls ${ref}, which no service built before it serves.`);
        set(functionVariable(ref), provider.function.functionName);
        grantContractInvoke(provider.function, fn);
      }
      // The key is read at run time and cached; only its ARN is in the environment.
      if (declaration.cursorSecret) {
        set('CURSOR_SECRET_ARN', shop.cursorSecret.secretArn);
        shop.cursorSecret.grantRead(fn);
      }
      if (declaration.identity) {
        if (!shop.identity) throw new Error(`${manifest.name}.${name} needs the shop's user pool.`);
        set('USER_POOL_ID', shop.identity.userPool.userPoolId);
        set('USER_POOL_CLIENT_ID', shop.identity.client.userPoolClientId);
        if (declaration.identity.admin.length > 0)
          shop.identity.userPool.grant(
            fn,
            ...declaration.identity.admin.map((action) => `cognito-idp:${action}`),
          );
      }
      if (declaration.paymentProvider) {
        set('PAYMENT_PROVIDER', shop.payments.provider);
        if (declaration.paymentProvider === 'client') {
          set('PAYMENT_PROVIDER_SECRET_ARN', shop.payments.secret?.secretArn ?? '');
          shop.payments.secret?.grantRead(fn);
        }
      }
      if (declaration.email) {
        set('EMAIL_FROM', shop.emailFrom ?? '');
        set('ADMIN_ALERT_EMAIL', shop.adminAlertEmail ?? '');
        if (shop.emailFrom) grantSendEmail(fn, shop.emailFrom);
      }
      functions[name] = fn;
      environments.set(name, environment);
      shop.built.set(`${manifest.name}.${name}`, { function: fn, declaration });
    }
    this.functions = functions;

    if (manifest.workflows) {
      this.saga = new OrderSaga(this, 'Saga', {
        tasks: sagaTasks(shop.built),
        workflowType: shop.workflowType,
      });
      const machines: Record<WorkflowName, StateMachine> = {
        OrderSaga: this.saga.saga,
        OrderCancellation: this.saga.cancellation,
      };
      for (const { name, starts } of builtFunctionsOf(manifest, shop))
        for (const workflow of starts ?? []) {
          const fn = functions[name];
          const environment = environments.get(name);
          if (!fn || !environment || !manifest.workflows.includes(workflow))
            throw new Error(`${manifest.name}.${name} starts ${workflow}, which its service does not own.`);
          environment[workflowVariable(workflow)] = machines[workflow].stateMachineArn;
          fn.addEnvironment(workflowVariable(workflow), machines[workflow].stateMachineArn);
          machines[workflow].grantStartExecution(fn);
        }
    }

    for (const { name, config, trigger } of builtFunctionsOf(manifest, shop)) {
      const fn = functions[name];
      if (!fn) continue;
      assertEnvironment(`${manifest.name}.${name}`, config, environments.get(name) ?? {});
      if ('route' in trigger) shop.api?.addRoute(trigger.route, fn, this);
      if ('events' in trigger)
        new EventSubscription(this, `${name}On`, {
          bus: shop.bus,
          events: trigger.events,
          consumer: fn,
          ...(trigger.where ? { where: trigger.where } : {}),
        });
      if ('schedule' in trigger)
        new Rule(this, `${name}Schedule`, {
          description: trigger.schedule.purpose,
          schedule: Schedule.rate(Duration.minutes(trigger.schedule.everyMinutes)),
          targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
        });
    }
    if (manifest.outbox && table)
      this.outbox = new OutboxRelay(this, 'Outbox', { service: manifest.name, table, bus: shop.bus });
  }
}

/** The manifest's functions this deployment has: a real provider's webhook only with a real provider. */
const builtFunctionsOf = (manifest: ServiceManifest, shop: ShopResources) =>
  functionsOf(manifest).filter(
    (declaration) => !declaration.realPaymentsOnly || shop.payments.provider !== 'simulator',
  );

/** The saga's tasks, by state: every function built so far whose trigger is a saga task. */
const sagaTasks = (built: ReadonlyMap<FunctionRef, BuiltFunction>): SagaTasks => {
  const tasks = new Map(
    [...built]
      .filter(([, { declaration }]) => 'sagaTask' in declaration.trigger)
      .map(([ref, { function: fn }]) => {
        const name = ref.split('.')[1] ?? ref;
        return [name.charAt(0).toLowerCase() + name.slice(1), fn] as const;
      }),
  );
  const task = (key: keyof SagaTasks) => {
    const fn = tasks.get(key);
    if (!fn) throw new Error(`The order saga needs a ${key} task, and no service declares one.`);
    tasks.delete(key);
    return fn;
  };
  const resolved: SagaTasks = {
    reserveInventory: task('reserveInventory'),
    processPayment: task('processPayment'),
    confirmOrder: task('confirmOrder'),
    abandonOrder: task('abandonOrder'),
    refundPayment: task('refundPayment'),
    releaseInventory: task('releaseInventory'),
    cancelOrder: task('cancelOrder'),
    markNeedsAttention: task('markNeedsAttention'),
  };
  if (tasks.size > 0) throw new Error(`No saga state runs ${[...tasks.keys()].join(', ')}.`);
  return resolved;
};

/** The environment must be exactly what the config reads: nothing missing, nothing granted for nothing. */
const assertEnvironment = (
  where: string,
  config: ServiceConfig<z.core.$ZodShape>,
  environment: Readonly<Record<string, string>>,
) => {
  const wanted = Object.keys(config.schema.shape).sort();
  const given = Object.keys(environment).sort();
  const missing = wanted.filter((variable) => !given.includes(variable));
  const extra = given.filter((variable) => !wanted.includes(variable));
  if (missing.length > 0 || extra.length > 0)
    throw new Error(
      `${where}: its config reads ${wanted.join(', ') || 'nothing'}, its declaration gives ${given.join(', ') || 'nothing'}` +
        `${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}${extra.length > 0 ? `; not read ${extra.join(', ')}` : ''}.`,
    );
};

const grantSendEmail = (fn: ServiceFunction<ServiceConfig<z.core.$ZodShape>>, from: string) => {
  const domain = from.split('@')[1] ?? from;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [from, domain].map((identity) =>
        Stack.of(fn).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
      ),
    }),
  );
};
