import { Annotations, type App, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { reportedProvider } from '../functions/payments/contracts/provider.js';
import { SERVICES } from '../functions/services.js';
import { pascalCase, type ServiceName } from '../functions/shared/service-manifest.js';
import { DeadLetterQueue } from './constructs/dead-letter-queue.js';
import { type ShopResources, ShopService } from './constructs/shop-service.js';
import { readShopContext } from './context.js';
import { ShopObservabilityStack } from './stacks/observability-stack.js';
import { ShopApiStack } from './stacks/shop-api-stack.js';
import { ShopDataStack } from './stacks/shop-data-stack.js';

/** The stateless stacks' names start with this: `ShopApi`, `ShopApi-Orders`, … `ShopApi-Observability`. */
export const STATELESS_PREFIX = 'ShopApi';

/**
 * The composition root. `ShopData` holds the state; `ShopApi` the HTTP API
 * (and the platform's functions); each service that has one gets its own
 * stack, built from its manifest, in `SERVICES` order; `ShopApi-Observability`
 * comes last. cdk-nag's AwsSolutions checks run on everything.
 */
export const buildShop = (app: App) => {
  const context = readShopContext(app.node);
  const data = new ShopDataStack(app, 'ShopData', context, {
    description: 'serverless-shop: tables, event bus and archive, user pool',
  });
  const api = new ShopApiStack(app, STATELESS_PREFIX, data, context, {
    description: 'serverless-shop: HTTP API, cursor key, platform routes',
  });
  const resources: ShopResources = {
    bus: data.events.bus,
    tables: data.tables,
    ...(api.api ? { api: api.api } : {}),
    cursorSecret: api.cursorSecret,
    ...(data.identity ? { identity: data.identity } : {}),
    ...(context.notificationsFromEmail ? { emailFrom: context.notificationsFromEmail } : {}),
    ...(context.adminAlertEmail ? { adminAlertEmail: context.adminAlertEmail } : {}),
    workflowType: context.sagaWorkflowType,
    payments: {
      provider: context.paymentProvider,
      ...(data.paymentProviderSecret ? { secret: data.paymentProviderSecret } : {}),
    },
    built: new Map(),
  };
  const services: Partial<Record<ServiceName, ShopService>> = {};
  for (const manifest of SERVICES) {
    if (manifest.name === 'platform') {
      // Its functions serve only routes: without the HTTP API there is nothing to build.
      if (api.api) services.platform = new ShopService(api, manifest, resources);
      continue;
    }
    if ('needsIdentity' in manifest && manifest.needsIdentity && !data.identity) continue;
    const stack = new Stack(app, `${STATELESS_PREFIX}-${pascalCase(manifest.name)}`, {
      description: `serverless-shop: ${manifest.name} — ${manifest.purpose}`,
    });
    services[manifest.name] = new ShopService(stack, manifest, resources);
  }
  const payments = services.payments;
  if (payments) {
    const provider = reportedProvider(context.paymentProvider);
    // Loudly: a deployed shop on the simulator confirms every order and moves no money.
    const simulated =
      'Payments are SIMULATED: every order with tok_visa is confirmed and shipped, and no money moves. GET /health says "payments": "simulated". Deploy with -c paymentProvider=stripe to take payments.';
    if (provider === 'simulated') Annotations.of(payments).addWarningV2('shop:payments-simulated', simulated);
    new CfnOutput(Stack.of(payments), 'PaymentProvider', {
      value: provider,
      description: provider === 'simulated' ? simulated : `Payments go to ${provider}.`,
    });
    if (data.paymentProviderSecret)
      new CfnOutput(data, 'PaymentProviderSecretArn', {
        value: data.paymentProviderSecret.secretArn,
        description: `Write { "apiKey", "webhookSecret" } of ${provider} here (docs/deploy.md); payments fail until it is written.`,
      });
  }
  const sagas = Object.values(services).flatMap((service) => (service.saga ? [service.saga] : []));
  const [saga] = sagas;
  if (!saga || sagas.length > 1) throw new Error('Exactly one service must own the order saga.');
  const observability = new ShopObservabilityStack(
    app,
    `${STATELESS_PREFIX}-Observability`,
    {
      ...(api.api ? { api: api.api } : {}),
      stateMachines: [saga.saga, saga.cancellation],
      deadLetterQueues: Object.values(services).flatMap((service) =>
        service.node.findAll().filter((construct) => construct instanceof DeadLetterQueue),
      ),
      setAside: saga.deadLetterQueue,
      functionNamePrefix: STATELESS_PREFIX,
      ...(context.alarmEmail ? { alarmEmail: context.alarmEmail } : {}),
    },
    { description: 'serverless-shop: dashboard and alarms' },
  );
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { data, api, services, observability };
};
