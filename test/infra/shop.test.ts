import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CartTable } from '../../functions/cart/adapters/cart-table.js';
import { CatalogTable } from '../../functions/catalog/adapters/catalog-table.js';
import { InventoryTable } from '../../functions/inventory/adapters/inventory-table.js';
import { NotificationsTable } from '../../functions/notifications/adapters/notifications-table.js';
import { OrdersTable } from '../../functions/orders/adapters/orders-table.js';
import { OrderPlaced } from '../../functions/orders/contracts/events.js';
import { PaymentsTable } from '../../functions/payments/adapters/payments-table.js';
import { shopOpenApi } from '../../functions/platform/shop-api.js';
import { ALL_EVENTS, eventSourcesOf, SERVICES } from '../../functions/services.js';
import { OUTBOX_STREAM_FILTERS } from '../../functions/shared/outbox/outbox.js';
import { functionsOf, pascalCase, type ServiceName } from '../../functions/shared/service-manifest.js';
import { ShippingTable } from '../../functions/shipping/adapters/shipping-table.js';
import { UsersTable } from '../../functions/users/adapters/users-table.js';
import { bundleDefines, functionEntry } from '../../infra/constructs/service-function.js';
import { dynamoDbActionsOf } from '../../infra/constructs/table-access.js';
import { SUBSCRIPTIONS } from '../../simulation/wiring.js';
import {
  orderCancellationDefinition,
  orderSagaDefinition,
  SAGA_PLACEHOLDERS,
  type StateMachineDefinition,
} from '../../state-machines/order-saga.js';
import { shopApp, statelessTemplate } from '../support/synth.js';

type Resources = Record<
  string,
  {
    Type: string;
    Properties?: Record<string, unknown>;
    DeletionPolicy?: string;
    Metadata?: Record<string, unknown>;
  }
>;

/** The routes API.md lists as public; every other route needs a token. */
const PUBLIC_ROUTES = new Set([
  'GET /health',
  'GET /openapi.json',
  'POST /auth/signup',
  'POST /auth/confirm',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/resend-code',
  'POST /auth/password/forgot',
  'POST /auth/password/reset',
  'POST /auth/mfa',
  'POST /auth/logout',
  'GET /products',
  'GET /products/{sku}',
  'GET /categories',
  'GET /categories/{id}',
]);

/** Actions AWS offers no resource-level permission for; the only ones allowed on `*`. */
const ACTIONS_WITHOUT_RESOURCES = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'dynamodb:ListStreams',
  // Step Functions' delivery of its execution logs to CloudWatch Logs.
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
]);

/** The template's GSIs as a table design declares them; none at all when it declares none. */
const indexMatchers = (
  indexes: Readonly<Record<string, { name: string; partitionKey: string; sortKey: string }>>,
) => {
  const list = Object.values(indexes);
  if (list.length === 0) return Match.absent();
  return list.map((index) =>
    Match.objectLike({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
};

let api: Template;
let data: Template;
let apiResources: Resources;
let outdir: string;
/** Every stack's template, by stack name. */
let stacks: Map<string, Template>;

beforeAll(() => {
  // Templates only: the bundles are checked apart (bundles.test.ts), so this stays quick on a busy machine.
  const shop = shopApp({ bundle: false });
  shop.app.synth();
  outdir = shop.outdir;
  api = statelessTemplate(shop.app);
  data = Template.fromStack(shop.data);
  stacks = new Map(
    shop.app.node.children.filter(Stack.isStack).map((stack) => [stack.stackName, Template.fromStack(stack)]),
  );
  apiResources = api.toJSON().Resources as Resources;
});

/** A resource's properties, as the test expects them to be shaped; fails when there are none. */
const propertiesOf = <T>(resource: { Properties?: unknown } | undefined): T => {
  if (!resource?.Properties) throw new Error('The resource has no properties.');
  return resource.Properties as T;
};

const ofType = (resources: Resources, type: string) =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);

describe('stacks', () => {
  it('hold at most 350 resources each (CloudFormation allows 500), state apart from the stateless stacks', () => {
    expect([...stacks.keys()]).toContain('ShopData');
    expect(stacks.size).toBeGreaterThan(3);
    for (const [name, template] of stacks)
      expect(Object.keys(template.toJSON().Resources ?? {}).length, name).toBeLessThanOrEqual(350);
  });
});

describe('every function', () => {
  it('runs on the newest Node.js runtime, arm64, with active tracing and its own log group, without START and REPORT records', () => {
    const functions = ofType(apiResources, 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThanOrEqual(10);
    for (const [, fn] of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'WARN', LogGroup: { Ref: expect.any(String) } },
      });
    }
  });

  it('gives every read contract less time than each function that calls it, which gives up on it first', () => {
    const timeoutOf = new Map(
      ofType(apiResources, 'AWS::Lambda::Function').map(([, fn]) => [
        String(fn.Properties?.Description),
        Number(fn.Properties?.Timeout),
      ]),
    );
    let pairs = 0;
    for (const manifest of SERVICES)
      for (const { name, calls = [] } of functionsOf(manifest))
        for (const ref of calls) {
          const [service, callee] = ref.split('.');
          const caller = timeoutOf.get(`${manifest.name}: ${name}`);
          const called = timeoutOf.get(`${service}: ${callee}`);
          expect(caller, `${manifest.name}.${name}`).toBeGreaterThan(0);
          // The caller abandons the call DEPENDENCY_MARGIN_MS (1.5 s) before its own deadline.
          expect(
            (caller ?? 0) - (called ?? Number.POSITIVE_INFINITY),
            `${ref} for ${name}`,
          ).toBeGreaterThanOrEqual(2);
          pairs++;
        }
    expect(pairs).toBeGreaterThan(3);
  });

  it('sets the Powertools service name, metrics namespace and log level', () => {
    for (const [, fn] of ofType(apiResources, 'AWS::Lambda::Function')) {
      expect(fn.Properties?.Environment).toMatchObject({
        Variables: {
          POWERTOOLS_SERVICE_NAME: expect.any(String),
          POWERTOOLS_METRICS_NAMESPACE: 'Shop',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
      });
    }
  });

  it('keeps its logs for a set time', () => {
    const logGroups = ofType(apiResources, 'AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThanOrEqual(ofType(apiResources, 'AWS::Lambda::Function').length);
    for (const [, group] of logGroups) expect(group.Properties?.RetentionInDays).toBeGreaterThan(0);
  });
});

/** Each function's role id → the function's description (`users: SignUp`). */
const functionOfRole = (resources: Resources): Map<string, string> =>
  new Map(
    ofType(resources, 'AWS::Lambda::Function').map(([, fn]) => [
      propertiesOf<{ Role: { 'Fn::GetAtt': [string, string] } }>(fn).Role['Fn::GetAtt'][0],
      String(fn.Properties?.Description),
    ]),
  );

/** The IAM actions each function's role is allowed, by the function's description (`users: SignUp`). */
const actionsByFunction = (resources: Resources): Map<string, string[]> => {
  const roleOf = functionOfRole(resources);
  const actions = new Map<string, string[]>();
  for (const [, policy] of ofType(resources, 'AWS::IAM::Policy')) {
    const { Roles, PolicyDocument } = policy.Properties as {
      Roles: { Ref: string }[];
      PolicyDocument: { Statement: { Action: string | string[] }[] };
    };
    const roles = Roles.map((role) => roleOf.get(role.Ref));
    const statements = PolicyDocument.Statement;
    for (const role of roles)
      if (role)
        actions.set(role, [...(actions.get(role) ?? []), ...statements.flatMap((st) => [st.Action].flat())]);
  }
  return actions;
};

describe('permissions', () => {
  it('let each outbox relay put only its own service’s events on the bus, and nothing else put any', () => {
    const serviceOfRole = functionOfRole(apiResources);
    const relays: string[] = [];
    for (const [, policy] of ofType(apiResources, 'AWS::IAM::Policy')) {
      const { Roles, PolicyDocument } = propertiesOf<{
        Roles: { Ref: string }[];
        PolicyDocument: { Statement: { Action: string | string[]; Condition?: Record<string, unknown> }[] };
      }>(policy);
      for (const statement of PolicyDocument.Statement) {
        if (![statement.Action].flat().includes('events:PutEvents')) continue;
        for (const role of Roles) {
          const description = serviceOfRole.get(role.Ref) ?? '';
          expect(description, role.Ref).toMatch(/: publishes the outbox to the event bus$/);
          const service = description.split(':')[0] as ServiceName;
          expect(statement.Condition, description).toEqual({
            StringEquals: { 'events:source': [...eventSourcesOf(service)] },
          });
          relays.push(service);
        }
      }
    }
    expect(relays.sort()).toEqual(
      SERVICES.filter((manifest) => 'outbox' in manifest && manifest.outbox)
        .map((manifest) => manifest.name)
        .sort(),
    );
  });

  it('give each function exactly the Cognito admin actions its manifest declares, and the public routes none', () => {
    const actions = actionsByFunction(apiResources);
    let checked = 0;
    for (const manifest of SERVICES)
      for (const { name, identity } of functionsOf(manifest)) {
        const cognito = (actions.get(`${manifest.name}: ${name}`) ?? []).filter((action) =>
          action.startsWith('cognito-idp:'),
        );
        expect(cognito.sort(), `${manifest.name}.${name}`).toEqual(
          (identity?.admin ?? []).map((action) => `cognito-idp:${action}`).sort(),
        );
        checked++;
      }
    expect(checked).toBeGreaterThan(50);
    expect(actions.get('users: LogIn')?.some((action) => action.startsWith('cognito-idp:'))).toBe(false);
    // The public sign-up may delete nobody: it asks the contract that deletes unconfirmed identities only.
    expect(actions.get('users: SignUp')?.filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
    expect(actions.get('users: SignUp')).toContain('lambda:InvokeFunction');
    expect(actions.get('users: ReleaseUnconfirmedSignUp')?.sort()).toEqual(
      expect.arrayContaining(['cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser']),
    );
  });

  it('let each function do to its table only what its code does (derived from the code), and readers only read', () => {
    const actions = actionsByFunction(apiResources);
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    let checked = 0;
    for (const manifest of SERVICES)
      for (const { name, table, entry, paymentProvider, realPaymentsOnly } of functionsOf(manifest)) {
        if (!table || realPaymentsOnly) continue;
        const granted = (actions.get(`${manifest.name}: ${name}`) ?? []).filter((action) =>
          action.startsWith('dynamodb:'),
        );
        const inCode = dynamoDbActionsOf(
          functionEntry(manifest.name, name, entry),
          bundleDefines(paymentProvider === 'client' ? 'simulator' : undefined),
        ).map((action) => `dynamodb:${action}`);
        const expected = table === 'read' ? inCode.filter((action) => !writes.includes(action)) : inCode;
        // The index grant repeats Query; the set of actions is what counts.
        expect([...new Set(granted)].sort(), `${manifest.name}.${name}`).toEqual(expected.sort());
        checked++;
      }
    expect(checked).toBeGreaterThan(50);
    // Nothing in the shop batch-writes; payments only ever puts (its ledger is append-only).
    expect([...actions.values()].flat()).not.toContain('dynamodb:BatchWriteItem');
    expect(actions.get('payments: ProcessPayment')?.filter((action) => writes.includes(action))).toEqual([
      'dynamodb:PutItem',
    ]);
    expect(actions.get('orders: GetOrder')?.some((action) => writes.includes(action))).toBe(false);
  });

  it('let only the functions that page read the cursor key, which no environment holds', () => {
    const actions = actionsByFunction(apiResources);
    const readers = [...actions]
      .filter(([, granted]) => granted.includes('secretsmanager:GetSecretValue'))
      .map(([fn]) => fn)
      .sort();
    const paging = SERVICES.flatMap((manifest) =>
      functionsOf(manifest)
        .filter((fn) => fn.cursorSecret)
        .map(({ name }) => `${manifest.name}: ${name}`),
    ).sort();
    expect(paging.length).toBeGreaterThan(0);
    expect(readers).toEqual(paging);
    for (const [, fn] of ofType(apiResources, 'AWS::Lambda::Function')) {
      const variables = propertiesOf<{ Environment?: { Variables?: Record<string, unknown> } }>(fn)
        .Environment?.Variables;
      // A dynamic reference would put the key's value in the function's configuration.
      expect(JSON.stringify(variables ?? {})).not.toContain('{{resolve:secretsmanager');
    }
  });

  it('grant nothing on * but actions that support no resource-level permissions', () => {
    const wildcard: string[] = [];
    for (const [id, policy] of ofType(apiResources, 'AWS::IAM::Policy')) {
      const document = policy.Properties?.PolicyDocument as {
        Statement: { Action: string | string[]; Resource: unknown }[];
      };
      for (const statement of document.Statement) {
        const resources = [statement.Resource].flat();
        const actions = [statement.Action].flat();
        const starred = resources.some((resource) => typeof resource === 'string' && resource.includes('*'));
        const joined = JSON.stringify(resources).includes('/*');
        if ((starred || joined) && actions.some((action) => !ACTIONS_WITHOUT_RESOURCES.has(action)))
          wildcard.push(id);
      }
    }
    expect(wildcard).toEqual([]);
  });

  it('use no AWS managed policies', () => {
    for (const [, role] of ofType(apiResources, 'AWS::IAM::Role'))
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
  });
});

describe('the HTTP API', () => {
  const routes = () =>
    ofType(apiResources, 'AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties ?? {});

  /** Routes of functions deployed only with a real payment provider: not in the simulator's shop. */
  const realPaymentsRoutes = new Set(
    SERVICES.flatMap((manifest) =>
      functionsOf(manifest).flatMap(({ trigger, realPaymentsOnly }) =>
        realPaymentsOnly && 'route' in trigger ? [trigger.route.key] : [],
      ),
    ),
  );

  it("serves every route the services' manifests declare, each by the function that declares it", () => {
    const declared = SERVICES.flatMap((manifest) =>
      functionsOf(manifest).flatMap(({ name, trigger, realPaymentsOnly }) =>
        'route' in trigger && !realPaymentsOnly
          ? [`${trigger.route.key} → ${pascalCase(manifest.name)}${name}`]
          : [],
      ),
    );
    const served = routes().map((route) => {
      const target = route.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = apiResources[target['Fn::Join'][1][1].Ref] ?? { Type: '', Properties: {} };
      const uri = (integration.Properties as { IntegrationUri?: { 'Fn::GetAtt'?: string[] } }).IntegrationUri;
      return `${route.RouteKey} → ${(uri?.['Fn::GetAtt']?.[0] ?? '').replace(/[0-9A-F]{8}$/, '')}`;
    });
    expect(served.sort()).toEqual(declared.sort());
    for (const publicRoute of PUBLIC_ROUTES) expect(served.join('\n')).toContain(`${publicRoute} →`);
  });

  it('serves exactly the routes the OpenAPI document describes, each with the access it states', () => {
    const document = shopOpenApi();
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        public: Array.isArray((operation as { security?: unknown[] }).security),
      })),
    );
    expect(realPaymentsRoutes).toEqual(new Set(['POST /webhooks/payments']));
    expect(
      routes()
        .map((route) => String(route.RouteKey))
        .sort(),
    ).toEqual(
      described
        .map(({ key }) => key)
        .filter((key) => !realPaymentsRoutes.has(key as `POST /${string}`))
        .sort(),
    );
    for (const route of routes()) {
      const operation = described.find(({ key }) => key === route.RouteKey);
      expect(operation?.public, String(route.RouteKey)).toBe(route.AuthorizationType === 'NONE');
    }
  });

  it('puts the JWT authorizer on every route that API.md does not list as public', () => {
    for (const route of routes()) {
      if (PUBLIC_ROUTES.has(String(route.RouteKey))) {
        expect(route.AuthorizationType, String(route.RouteKey)).toBe('NONE');
      } else {
        expect(route, String(route.RouteKey)).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: expect.any(String) },
          AuthorizationScopes: ['aws.cognito.signin.user.admin'],
        });
      }
    }
  });

  it('gives the Cognito app client the password and refresh flows only, no OAuth', () => {
    const [client] = Object.values(data.findResources('AWS::Cognito::UserPoolClient')) as {
      Properties: Record<string, unknown>;
    }[];
    expect(client?.Properties.ExplicitAuthFlows).toEqual([
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ]);
    expect(client?.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client?.Properties.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(client?.Properties.CallbackURLs).toBeUndefined();
  });

  it('verifies tokens from the Cognito user pool, for its app client', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [Match.anyValue()],
        Issuer: Match.objectLike({
          'Fn::Join': Match.arrayWith([Match.arrayWith(['https://cognito-idp.'])]),
        }),
      },
    });
  });

  it('throttles and logs its $default stage', () => {
    api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('allows CORS from no origin unless told which, and then from those only (no localhost default)', () => {
    const [[, httpApi] = []] = ofType(apiResources, 'AWS::ApiGatewayV2::Api');
    expect(httpApi?.Properties?.CorsConfiguration).toBeUndefined();
    const shop = shopApp({ bundle: false, context: { corsOrigins: 'https://shop.example.com' } });
    Template.fromStack(shop.api).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://shop.example.com'] }),
    });
  });
});

describe('stateful resources', () => {
  it.each([
    ['catalog', CatalogTable],
    ['inventory', InventoryTable],
    ['users', UsersTable],
    ['cart', CartTable],
    ['orders', OrdersTable],
    ['payments', PaymentsTable],
    ['shipping', ShippingTable],
    ['notifications', NotificationsTable],
  ])('give the %s a table as its adapter designs it, retained, with stream, TTL and PITR', (_, design) => {
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: design.partitionKey, KeyType: 'HASH' },
          { AttributeName: design.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        GlobalSecondaryIndexes: indexMatchers(design.indexes),
      }),
    });
  });

  it('have a custom event bus with an archive of every shop event', () => {
    data.resourceCountIs('AWS::Events::EventBus', 1);
    data.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: [{ prefix: 'shop.' }] },
      RetentionDays: 30,
    });
  });

  it('have a user pool with an app client for password sign-in and refresh, and the admin group', () => {
    data.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
    data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    data.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
  });
});

describe('events', () => {
  const rules = () =>
    [api, data]
      .flatMap((template) => ofType(template.toJSON().Resources as Resources, 'AWS::Events::Rule'))
      .map(([, rule]) => rule);

  it('subscribe exactly the consumers and events the simulator delivers (simulation/wiring.ts)', () => {
    const subscribed = new Set<string>();
    for (const rule of rules().filter((candidate) => candidate.Properties?.EventPattern)) {
      const pattern = rule.Properties?.EventPattern as { 'detail-type': string[] } | undefined;
      const detailType = pattern?.['detail-type'][0];
      for (const target of (rule.Properties?.Targets ?? []) as { Arn?: { 'Fn::GetAtt'?: string[] } }[]) {
        const id = target.Arn?.['Fn::GetAtt']?.[0] ?? '';
        const consumer = SUBSCRIPTIONS.find(({ service, consumer }) =>
          new RegExp(`^${service}${consumer}[0-9A-F]{8}$`).test(id),
        );
        subscribed.add(`${consumer ? `${consumer.service}/${consumer.consumer}` : id} ← ${detailType}`);
      }
    }
    const simulated = SUBSCRIPTIONS.flatMap(({ service, consumer, events }) =>
      events.map((event) => `${service}/${consumer} ← ${event.detailType}`),
    );
    // The users' welcome flow is not simulated: its only consumer is notifications'.
    expect([...subscribed].filter((line) => !line.endsWith('UserRegistered')).sort()).toEqual(
      simulated.filter((line) => !line.endsWith('UserRegistered')).sort(),
    );
  });

  it('route every event rule by the pattern of exactly one event definition, filtered only on its data', () => {
    const eventRules = rules().filter((rule) => rule.Properties?.EventPattern);
    expect(eventRules.length).toBeGreaterThan(0);
    for (const rule of eventRules) {
      const pattern = rule.Properties?.EventPattern as {
        detail: { metadata: unknown; data?: Record<string, unknown> };
      };
      const { data, ...detail } = pattern.detail;
      const matching = ALL_EVENTS.filter((definition) =>
        isDeepStrictEqual(definition.pattern, { ...pattern, detail }),
      );
      expect(matching, JSON.stringify(pattern)).toHaveLength(1);
      const shape = (matching[0]?.data as { shape?: object } | undefined)?.shape ?? {};
      for (const field of Object.keys(data ?? {})) expect(Object.keys(shape)).toContain(field);
    }
  });

  it('wakes the cart only for orders that came from a checkout', () => {
    api.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        ...OrderPlaced.pattern,
        detail: { ...OrderPlaced.pattern.detail, data: { fromCart: [true] } },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CartRemoveCheckedOutItems'), 'Arn'] },
        }),
      ],
    });
  });

  it('sweeps stalled orders every minute, and lets the sweep start the cancellation alone', () => {
    api.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersSettleStalledOrders'), 'Arn'] },
        }),
      ],
    });
    const policies = ofType(api.toJSON().Resources as Resources, 'AWS::IAM::Policy').filter(([id]) =>
      id.startsWith('OrdersSettleStalledOrders'),
    );
    const statements = JSON.stringify(policies.map(([, policy]) => policy.Properties?.PolicyDocument));
    expect(statements).toContain('states:StartExecution');
    expect(statements).toContain('SagaOrderCancellation');
    expect(statements).not.toContain('SagaOrderSaga');
  });

  it('sells the held stock inside the saga, ConfirmOrder calling inventory’s contract, and runs the gate as a saga task; neither on events', () => {
    const names = JSON.stringify(
      ofType(api.toJSON().Resources as Resources, 'AWS::StepFunctions::StateMachine').map(
        ([, machine]) => machine.Properties?.DefinitionSubstitutions,
      ),
    );
    expect(names).toContain('OrdersConfirmOrder');
    expect(names).toContain('OrdersAbandonOrder');
    // Three states on the happy path: the sale is ConfirmOrder's call, not a state of its own.
    expect(names).not.toContain('InventoryCommitInventory');
    const confirm = ofType(apiResources, 'AWS::Lambda::Function').find(
      ([, fn]) => fn.Properties?.Description === 'orders: ConfirmOrder',
    );
    if (!confirm) throw new Error('no ConfirmOrder function');
    const variables = propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(confirm[1])
      .Environment.Variables;
    expect(JSON.stringify(variables.INVENTORY_COMMIT_INVENTORY_FUNCTION)).toContain('CommitInventory');
    for (const rule of rules())
      expect(JSON.stringify(rule.Properties?.Targets ?? [])).not.toContain('InventoryCommitInventory');
  });

  it("let the bus's rules dead-letter in one statement with one condition, however many events a consumer hears", () => {
    const policies = ofType(apiResources, 'AWS::SQS::QueuePolicy').map(([, policy]) => policy.Properties);
    for (const policy of policies) {
      const document = policy?.PolicyDocument as { Statement: { Condition?: Record<string, object> }[] };
      const statements = document.Statement;
      const conditions = statements.flatMap((statement) =>
        Object.values(statement.Condition ?? {}).flatMap((keys) => Object.keys(keys)),
      );
      // SQS allows 20 statements and 10 conditions per policy.
      expect(statements.length).toBeLessThanOrEqual(3);
      expect(conditions.length).toBeLessThanOrEqual(3);
    }
    const notifications = SUBSCRIPTIONS.find((subscription) => subscription.consumer === 'SendNotification');
    expect(notifications?.events.length).toBeGreaterThan(7);
  });

  it('give every consumer an explicit retry policy and a dead-letter queue', () => {
    for (const rule of rules().filter((candidate) => candidate.Properties?.EventPattern)) {
      for (const target of (rule.Properties?.Targets ?? []) as Record<string, unknown>[]) {
        expect(target).toMatchObject({
          RetryPolicy: {
            MaximumRetryAttempts: expect.any(Number),
            MaximumEventAgeInSeconds: expect.any(Number),
          },
          DeadLetterConfig: { Arn: expect.anything() },
        });
      }
    }
    const asyncConfigs = ofType(apiResources, 'AWS::Lambda::EventInvokeConfig').map(
      ([, config]) => config.Properties,
    );
    expect(asyncConfigs.length).toBeGreaterThan(0);
    for (const config of asyncConfigs) {
      expect(config).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
    }
  });

  it('feed each outbox relay only new outbox items, bisecting and dead-lettering failures', () => {
    // One relay per producing service: catalog, inventory, users, payments, orders, shipping.
    api.resourcePropertiesCountIs('AWS::Lambda::EventSourceMapping', { BisectBatchOnFunctionError: true }, 6);
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: OUTBOX_STREAM_FILTERS.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
      },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });
});

describe('the order saga', () => {
  const machines = () =>
    ofType(apiResources, 'AWS::StepFunctions::StateMachine').map(([, m]) => m.Properties ?? {});
  const definitionOf = (machine: Record<string, unknown>) =>
    JSON.parse(machine.DefinitionString as string) as StateMachineDefinition;

  it('deploys the saga and the cancellation exactly as state-machines/ defines them, as Standard workflows', () => {
    const definitions = machines().map(definitionOf);
    expect(definitions).toEqual(
      expect.arrayContaining([
        orderSagaDefinition(SAGA_PLACEHOLDERS),
        orderCancellationDefinition(SAGA_PLACEHOLDERS),
      ]),
    );
    expect(definitions).toHaveLength(2);
    for (const machine of machines()) {
      expect(machine.StateMachineType).toBe('STANDARD');
      expect(machine.TracingConfiguration).toEqual({ Enabled: true });
      const substituted = Object.keys(machine.DefinitionSubstitutions as Record<string, unknown>).sort();
      expect(substituted).toEqual(
        Object.values(SAGA_PLACEHOLDERS)
          .map((text) => text.slice(2, -1))
          .sort(),
      );
    }
  });

  it('may invoke its task functions and nothing else, and write to its dead-letter queue', () => {
    const policies = ofType(apiResources, 'AWS::IAM::Policy').filter(([key]) =>
      /^OrdersSagaOrder(Saga|Cancellation)Role/.test(key),
    );
    expect(policies).toHaveLength(2);
    for (const [id, policy] of policies) {
      const document = policy.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] };
      const statements = document.Statement;
      const actions = statements.flatMap((statement) => [statement.Action].flat());
      expect(actions, id).toContain('lambda:InvokeFunction');
      expect(actions, id).toContain('sqs:SendMessage');
      expect(
        actions.filter((action) => action.startsWith('lambda:')),
        id,
      ).toEqual(['lambda:InvokeFunction']);
    }
  });

  it('raises an alarm for any order set aside and any failed or timed-out execution', () => {
    const alarms = ofType(apiResources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});
    const names = alarms.map((alarm) => alarm.MetricName);
    expect(names.filter((name) => name === 'ExecutionsFailed')).toHaveLength(2);
    expect(names.filter((name) => name === 'ExecutionsTimedOut')).toHaveLength(2);
    expect(alarms.find((alarm) => String(alarm.AlarmDescription).includes('NEEDS_ATTENTION'))).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
  });

  it('starts a saga only from OrderPlaced, through a function that names the execution after the order', () => {
    api.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: OrderPlaced.pattern,
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersStartOrderSaga'), 'Arn'] } }),
      ],
    });
  });

  it('switches both workflows to Express with -c sagaWorkflowType=EXPRESS, logging errors without execution data', () => {
    const express = statelessTemplate(
      shopApp({ bundle: false, context: { sagaWorkflowType: 'EXPRESS' } }).app,
    );
    express.resourcePropertiesCountIs('AWS::StepFunctions::StateMachine', { StateMachineType: 'EXPRESS' }, 2);
    express.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ERROR', IncludeExecutionData: false }),
    });
  });
});

describe("without the HTTP API (-c httpApi=false, for LocalStack's free image)", () => {
  it("deploys tables, bus, rules, sagas and the services' functions, but no API Gateway, Cognito or users service", () => {
    const shop = shopApp({ bundle: false, context: { httpApi: false } });
    const data = Template.fromStack(shop.data);
    const api = statelessTemplate(shop.app);
    const types = (template: Template) =>
      new Set(
        Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type),
      );
    const all = new Set([...types(data), ...types(api)]);
    for (const absent of ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Route', 'AWS::Cognito::UserPool'])
      expect(all, absent).not.toContain(absent);
    data.resourceCountIs('AWS::DynamoDB::Table', 8);
    api.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    expect(all).toContain('AWS::Events::Rule');
    const functions = Object.keys(api.findResources('AWS::Lambda::Function'));
    expect(functions.some((id) => id.startsWith('OrdersPlaceOrder'))).toBe(true);
    expect(functions.some((id) => id.startsWith('Users'))).toBe(false);
  });
});

/**
 * The business metrics the code emits, each with its service (the dimension
 * Powertools adds to every metric) and its other dimensions: those of the
 * routes (`metric` in a route spec, counted by httpRoute) and those a
 * function's source counts itself (`countBusinessEvent`, `metrics.addMetric`).
 */
const emittedBusinessMetrics = () => {
  const metrics: { name: string; service: string; dimensionKeys: string[] }[] = [];
  for (const manifest of SERVICES)
    for (const { trigger } of functionsOf(manifest))
      if ('route' in trigger && trigger.route.metric)
        metrics.push({ name: trigger.route.metric, service: manifest.name, dimensionKeys: [] });
  for (const manifest of SERVICES) {
    const directory = join('functions', manifest.name);
    for (const file of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(directory, file), 'utf8');
      for (const match of source.matchAll(
        /(?:countBusinessEvent|metrics\.addMetric)\(\s*'(\w+)'(?:,\s*\{([^}]*)\})?/g,
      )) {
        const keys = [...(match[2] ?? '').matchAll(/(\w+)\s*:/g)].map((key) => String(key[1])).sort();
        metrics.push({ name: String(match[1]), service: manifest.name, dimensionKeys: keys });
      }
    }
  }
  return metrics;
};

describe('observability', () => {
  const alarms = () =>
    ofType(apiResources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties ?? {});

  it('alarms on every dead-letter queue holding a message', () => {
    const queues = ofType(apiResources, 'AWS::SQS::Queue').map(([id]) => id);
    const watched = new Set(
      alarms()
        .filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible')
        .flatMap((alarm) =>
          (alarm.Dimensions as { Value: { 'Fn::GetAtt': string[] } }[]).map((d) => d.Value['Fn::GetAtt'][0]),
        ),
    );
    expect(queues.length).toBeGreaterThan(10);
    for (const queue of queues) expect(watched, queue).toContain(queue);
  });

  it('alarms on the API 5xx rate, and sends every alarm to one SNS topic', () => {
    expect(alarms().some((alarm) => JSON.stringify(alarm.Metrics ?? []).includes('5xx'))).toBe(true);
    const [[topicId] = []] = ofType(apiResources, 'AWS::SNS::Topic');
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('lets CloudWatch publish to the alarm topic, for this account’s alarms only', () => {
    const [[, policy] = []] = ofType(apiResources, 'AWS::SNS::TopicPolicy');
    const { PolicyDocument } = propertiesOf<{ PolicyDocument: { Statement: Record<string, unknown>[] } }>(
      policy,
    );
    const statements = PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': expect.anything() },
        },
      }),
    );
    // The deny of plain HTTP stays.
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish' }));
  });

  it('subscribes the address alarmEmail names to the alarms', () => {
    const shop = shopApp({ bundle: false, context: { alarmEmail: 'ops@shop.example.com' } });
    Template.fromStack(shop.observability).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@shop.example.com',
    });
    Template.fromStack(shopApp({ bundle: false }).observability).resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('charts only business metrics the code emits, with the dimensions it emits them with', () => {
    const [[, dashboard] = []] = ofType(apiResources, 'AWS::CloudWatch::Dashboard');
    const { DashboardBody } = propertiesOf<{ DashboardBody: { 'Fn::Join': [string, unknown[]] } }>(dashboard);
    const parts = DashboardBody['Fn::Join'][1];
    const body = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('')) as {
      widgets: { properties: { metrics?: unknown[][] } }[];
    };
    const charted = body.widgets
      .flatMap((widget) => widget.properties.metrics ?? [])
      .filter((metric) => metric[0] === 'Shop')
      .map((metric) => {
        const [, name, ...rest] = metric;
        const pairs = rest.filter((item) => typeof item === 'string') as string[];
        const dimensions = Object.fromEntries(
          pairs.flatMap((key, index) => (index % 2 === 0 ? [[key, pairs[index + 1]]] : [])),
        );
        return { name: String(name), dimensions };
      });
    const emitted = emittedBusinessMetrics();
    expect(charted.length).toBeGreaterThan(10);
    for (const { name, dimensions } of charted) {
      const { service, ...others } = dimensions;
      expect(
        emitted.some(
          (metric) =>
            metric.name === name &&
            metric.service === service &&
            metric.dimensionKeys.join() === Object.keys(others).sort().join(),
        ),
        `${name} ${JSON.stringify(dimensions)}`,
      ).toBe(true);
    }
  });

  it('alarms only on business metrics the code emits, with the dimensions it emits them with', () => {
    const emitted = emittedBusinessMetrics();
    type AlarmMetric = {
      Namespace?: string;
      MetricName?: string;
      Dimensions?: { Name: string; Value: string }[];
    };
    // A metric with a label is rendered as a metric query: its metric sits in MetricStat.
    const alarms = ofType(apiResources, 'AWS::CloudWatch::Alarm')
      .flatMap(([, alarm]) => {
        const properties = propertiesOf<
          AlarmMetric & { Metrics?: { MetricStat?: { Metric: AlarmMetric } }[] }
        >(alarm);
        return [properties, ...(properties.Metrics ?? []).flatMap((query) => query.MetricStat?.Metric ?? [])];
      })
      .filter((metric) => metric.Namespace === 'Shop');
    expect(alarms.map((alarm) => alarm.MetricName)).toContain('PaymentCircuitOpened');
    for (const alarm of alarms) {
      const service = alarm.Dimensions?.find((dimension) => dimension.Name === 'service')?.Value;
      expect(
        emitted.some((metric) => metric.name === alarm.MetricName && metric.service === service),
        `${alarm.MetricName} of ${service}`,
      ).toBe(true);
    }
  });

  it('builds a dashboard of the API, functions, sagas, dead-letter queues and business metrics', () => {
    const [[, dashboard] = []] = ofType(apiResources, 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard?.Properties?.DashboardBody);
    for (const title of [
      'API requests and errors',
      'API latency p99',
      'Lambda errors and throttles',
      'Lambda duration p99',
      'OrderSaga executions',
      'Dead-letter queues',
      'Orders cancelled, by reason',
    ])
      expect(body).toContain(title);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the shop', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { conclusion: string }[];
    };
    expect(report.pluginReports.filter((plugin) => plugin.conclusion !== 'success')).toEqual([]);
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const shop = shopApp({ bundle: false });
    new Queue(shop.api, 'UnencryptedQueueWithoutDeadLetters');
    expect(() => shop.app.synth()).toThrow(/SQS queue/);
  });
});

describe('configuration', () => {
  it('trusts an external OIDC issuer instead of Cognito when told to', () => {
    const shop = shopApp({
      bundle: false,
      context: { jwtIssuer: 'https://login.example.com/', jwtAudience: 'shop-api', jwtScopes: 'shop/api' },
    });
    const external = Template.fromStack(shop.api);
    external.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://login.example.com/', Audience: ['shop-api'] },
    });
    Template.fromStack(shop.data).resourceCountIs('AWS::Cognito::UserPool', 0);
  });

  it('sends the user pool’s codes through SES from the identity cognitoEmailFrom names', () => {
    const shop = shopApp({ bundle: false, context: { cognitoEmailFrom: 'accounts@shop.example.com' } });
    Template.fromStack(shop.data).hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: 'accounts@shop.example.com',
        SourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      },
    });
    const plain = shopApp({ bundle: false });
    const pool = Object.values(Template.fromStack(plain.data).findResources('AWS::Cognito::UserPool'))[0] as {
      Properties: { EmailConfiguration?: { EmailSendingAccount?: string } };
    };
    expect(pool.Properties.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe(
      'COGNITO_DEFAULT',
    );
  });

  it('says loudly that payments are simulated: a warning at synth and an output of the payments stack', () => {
    const shop = shopApp({ bundle: false });
    const payments = shop.services.payments;
    if (!payments) throw new Error('no payments service');
    Template.fromStack(Stack.of(payments)).hasOutput('PaymentProvider', { Value: 'simulated' });
    const warnings = Annotations.fromStack(Stack.of(payments)).findWarning(
      '*',
      Match.stringLikeRegexp('SIMULATED'),
    );
    expect(warnings.length).toBeGreaterThan(0);
  });

  describe('with -c paymentProvider=stripe', () => {
    let stripe: ReturnType<typeof shopApp>;
    let resources: Resources;
    beforeAll(() => {
      stripe = shopApp({ bundle: false, context: { paymentProvider: 'stripe' } });
      stripe.app.synth();
      resources = statelessTemplate(stripe.app).toJSON().Resources as Resources;
    });
    const functionNamed = (description: string) => {
      const found = ofType(resources, 'AWS::Lambda::Function').find(
        ([, fn]) => fn.Properties?.Description === description,
      );
      if (!found) throw new Error(`no function ${description}`);
      return propertiesOf<{ Environment: { Variables: Record<string, unknown> } }>(found[1]).Environment
        .Variables;
    };

    it('passes cdk-nag, says payments go to Stripe, and keeps its keys in a secret of the data stack', () => {
      const report = JSON.parse(readFileSync(join(stripe.outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { conclusion: string }[];
      };
      expect(report.pluginReports.filter((plugin) => plugin.conclusion !== 'success')).toEqual([]);
      const payments = stripe.services.payments;
      if (!payments) throw new Error('no payments service');
      Template.fromStack(Stack.of(payments)).hasOutput('PaymentProvider', { Value: 'stripe' });
      expect(
        Annotations.fromStack(Stack.of(payments)).findWarning('*', Match.stringLikeRegexp('SIMULATED')),
      ).toEqual([]);
      const data = Template.fromStack(stripe.data);
      data.resourceCountIs('AWS::SecretsManager::Secret', 1);
      data.hasOutput('PaymentProviderSecretArn', {});
    });

    it('lets the provider’s functions, and only them, read its secret, which no environment holds', () => {
      const readers = [...actionsByFunction(resources)]
        .filter(
          ([fn, granted]) => granted.includes('secretsmanager:GetSecretValue') && fn.startsWith('payments:'),
        )
        .map(([fn]) => fn)
        .sort();
      expect(readers).toEqual([
        'payments: ProcessPayment',
        'payments: ReceivePaymentWebhook',
        'payments: RefundPayment',
      ]);
      for (const name of ['ProcessPayment', 'RefundPayment', 'ReceivePaymentWebhook']) {
        const variables = functionNamed(`payments: ${name}`);
        expect(variables.PAYMENT_PROVIDER).toBe('stripe');
        expect(JSON.stringify(variables.PAYMENT_PROVIDER_SECRET_ARN)).toContain('PaymentProviderSecret');
      }
      expect(functionNamed('platform: GetHealth').PAYMENT_PROVIDER).toBe('stripe');
    });

    it('serves the webhook without a token, by the function that records what it reports', () => {
      const [webhook] = ofType(resources, 'AWS::ApiGatewayV2::Route').filter(
        ([, route]) => route.Properties?.RouteKey === 'POST /webhooks/payments',
      );
      expect(webhook?.[1].Properties?.AuthorizationType).toBe('NONE');
    });
  });

  it('refuses an external issuer without an audience', () => {
    expect(() => shopApp({ bundle: false, context: { jwtIssuer: 'https://login.example.com/' } })).toThrow(
      'Invalid CDK context: jwtAudience: jwtAudience is required when jwtIssuer is set',
    );
  });

  it('says which setting is wrong and how, in the API’s words', () => {
    expect(() =>
      shopApp({ bundle: false, context: { throttleRateLimit: 'many', sagaWorkflowType: 'FAST' } }),
    ).toThrow(
      'Invalid CDK context: throttleRateLimit: must be a number; sagaWorkflowType: must be one of "STANDARD", "EXPRESS"',
    );
  });
});
