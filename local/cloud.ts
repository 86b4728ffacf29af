import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PROJECT_ROOT } from '../infra/constructs/service-function.js';
import { startAwsEndpoint } from './aws-endpoint.js';
import { startCapacityMeter } from './dynamodb/capacity-meter.js';
import { createTables, startDynamoDbLocal } from './dynamodb/dynamodb-local.js';
import { DynamoDbFaults, startFaultGate } from './dynamodb/fault-gate.js';
import { LocalEventBridge } from './eventbridge/bus.js';
import { startGateway } from './http-api/gateway.js';
import { JwtAuthorizer } from './http-api/jwt-authorizer.js';
import { readHttpApi } from './http-api/routes.js';
import { LocalCognito, type SignUpConfirmation } from './identity/cognito.js';
import { inspectionRoutes } from './inspection.js';
import { LocalEventSourceMappings } from './lambda/event-source-mappings.js';
import { functionDefinitions, LocalFunctions, type SandboxKeeping } from './lambda/functions.js';
import type { LogSink } from './lambda/log-printer.js';
import { provideRuntimeModules } from './lambda/runtime-modules.js';
import { assertPortFree, freePort } from './net.js';
import { LocalSecrets } from './secretsmanager/secrets.js';
import { LocalQueues } from './sqs/queues.js';
import { LocalStepFunctions } from './stepfunctions/state-machines.js';
import { type CloudAssembly, displayNameOf, resourcesOfType, synthesizeShop } from './template/assembly.js';
import { TemplateResolver } from './template/resolver.js';
import { UsageMeter } from './usage.js';

export interface LocalCloudOptions {
  /** The HTTP API's port. */
  readonly port: number;
  /** Where the cloud assembly is synthesized. */
  readonly outdir: string;
  /**
   * How sign-ups are confirmed: at once (the default: a local shopper has no
   * mailbox), or with the code the local pool prints and keeps under
   * `/_local/identity/messages`, as in the cloud.
   */
  readonly signUpConfirmation?: SignUpConfirmation;
  /** Keep DynamoDB data, users and the archive under this directory between runs; in memory when absent. */
  readonly persistDirectory?: string;
  /** Where `endpoints.json` is written for commands such as `npm run token`. */
  readonly stateDirectory: string;
  /** Multiplies every retry delay and wait (EventBridge, Lambda async, Step Functions). */
  readonly timeScale: number;
  readonly region?: string;
  readonly log: LogSink;
  /** CDK context for the synth, e.g. `{ sagaWorkflowType: 'EXPRESS' }`. */
  readonly context?: Record<string, unknown>;
  /**
   * Meter the DynamoDB request units the functions consume (a proxy in front
   * of DynamoDB Local; for the benchmark). Everything else is always metered.
   */
  readonly meterDynamoDb?: boolean;
  /**
   * Hold `GET /health` at 503 until `markReady()` (what `npm start` does
   * until the demo data exists); ready at once otherwise.
   */
  readonly readyWhenMarked?: boolean;
  /**
   * Reuse the assembly in `outdir` when it was synthesized from the same
   * inputs (what `npm start` does); synthesize every time otherwise.
   */
  readonly reuseSynth?: boolean;
  /** Told each start-up step as it ends, with the seconds it took. */
  readonly progress?: (step: string, seconds: number) => void;
  /** How long function sandboxes stay warm; bounded in memory by default (see LocalFunctions). */
  readonly sandboxes?: SandboxKeeping;
}

/** What `npm start` writes to `.local/endpoints.json` for the commands that talk to it. */
export interface LocalEndpoints {
  readonly apiUrl: string;
  readonly awsEndpoint: string;
  readonly region: string;
  readonly poolId: string;
  readonly clientId: string;
  readonly dynamodbEndpoint: string;
  /** The shop's event bus (physical name), for replays and tests. */
  readonly eventBusName: string;
  /** Physical table names by construct id (`OrdersTable`), for the operations commands. */
  readonly tables: Readonly<Record<string, string>>;
}

export interface LocalCloud {
  readonly endpoints: LocalEndpoints;
  /** The HTTP API's routes and the function behind each (for benchmarks and tools). */
  readonly routes: readonly { readonly routeKey: string; readonly functionArn: string }[];
  readonly apiUrl: string;
  readonly awsEndpoint: string;
  readonly assembly: CloudAssembly;
  readonly functions: LocalFunctions;
  readonly queues: LocalQueues;
  readonly eventBridge: LocalEventBridge;
  readonly stepFunctions: LocalStepFunctions;
  readonly cognito: LocalCognito;
  readonly userPool: { poolId: string; clientId: string };
  readonly summary: Readonly<Record<string, number>>;
  /** What the shop consumed, as AWS would bill it (see usage.ts). */
  readonly usage: UsageMeter;
  /** DynamoDB Local's process, for the footprint `npm start` reports. */
  readonly dynamoDbPid: number | undefined;
  /** From now on `GET /health` answers as the shop's function does (see `readyWhenMarked`). */
  markReady(): void;
  stop(): Promise<void>;
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Reports each step of the start-up with the seconds it took. */
const stepTimer = (progress: ((step: string, seconds: number) => void) | undefined) => {
  let last = performance.now();
  return (name: string) => {
    const now = performance.now();
    progress?.(name, (now - last) / 1000);
    last = now;
  };
};

/**
 * Runs the synthesized shop on this machine: DynamoDB Local for the tables,
 * worker threads for the functions, and local stand-ins for the HTTP API,
 * Cognito, EventBridge, SQS, Step Functions and the event source mappings —
 * all read from the same templates `cdk deploy` would deploy.
 */
export const startLocalCloud = async (options: LocalCloudOptions): Promise<LocalCloud> => {
  await assertPortFree(options.port);
  const region = options.region ?? 'us-east-1';
  const step = stepTimer(options.progress);
  // The local shop's own origins may call it from a browser; a deployed one names its own (-c corsOrigins).
  const context = {
    corsOrigins: [`http://localhost:${options.port}`, `http://127.0.0.1:${options.port}`],
    ...options.context,
  };
  const assembly = synthesizeShop(options.outdir, context, {
    ...(options.reuseSynth ? { reuse: { root: PROJECT_ROOT } } : {}),
  });
  step(assembly.cached ? 'synth and bundles (unchanged, reused)' : 'synth and bundles');
  provideRuntimeModules(assembly.directory, PROJECT_ROOT);
  const awsPort = await freePort();
  const awsEndpoint = `http://127.0.0.1:${awsPort}`;
  const apiUrl = `http://127.0.0.1:${options.port}`;
  const resolver = new TemplateResolver(assembly, { region, awsEndpoint, apiEndpoint: apiUrl });
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const dynamo = await startDynamoDbLocal({
      region,
      ...(options.persistDirectory ? { persistDirectory: join(options.persistDirectory, 'dynamodb') } : {}),
    });
    stops.push(dynamo.stop);
    step('DynamoDB Local');
    const tables = await createTables(dynamo.client, assembly, resolver, options.log);
    step(`${tables.length} tables`);
    const usage = new UsageMeter();
    const meter = options.meterDynamoDb ? await startCapacityMeter(dynamo.endpoint, usage) : undefined;
    if (meter) stops.push(meter.stop);
    const dynamoDbFaults = new DynamoDbFaults();
    // Stream readers read at once after a write, and seldom while the tables are idle.
    let tableWritten: () => void = () => undefined;
    const gate = await startFaultGate(meter?.endpoint ?? dynamo.endpoint, dynamoDbFaults, () =>
      tableWritten(),
    );
    stops.push(gate.stop);
    const queues = new LocalQueues(assembly, resolver, usage);
    const secrets = LocalSecrets.fromTemplate(assembly, resolver);
    const cognito = await LocalCognito.create(
      assembly,
      resolver,
      options.persistDirectory ? join(options.persistDirectory, 'identity.json') : undefined,
      {
        signUpConfirmation: options.signUpConfirmation ?? 'at-once',
        log: (line) => options.log(line),
      },
    );
    const environment = {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL: awsEndpoint,
      AWS_ENDPOINT_URL_DYNAMODB: gate.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamo.endpoint,
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      TZ: 'UTC',
      // Lambda runs the functions on Node.js 24; the host's Node.js version is not the function's concern.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const functions = new LocalFunctions(functionDefinitions(assembly, resolver, environment), {
      sink: options.log,
      timeScale: options.timeScale,
      deliverFailure: (arn, body) => queues.send(arn, body),
      usage,
      ...options.sandboxes,
    });
    stops.push(() => functions.stop());
    let stepFunctions: LocalStepFunctions | undefined;
    const eventBridge = new LocalEventBridge(
      assembly,
      resolver,
      {
        deliver: async (arn, input) => {
          if (arn.includes(':lambda:')) {
            if (!functions.find(arn)) throw new Error(`No function ${arn}`);
            functions.invokeAsync(arn, input);
          } else if (arn.includes(':sqs:')) queues.send(arn, JSON.stringify(input));
          else if (arn.includes(':states:') && stepFunctions) stepFunctions.start(arn, JSON.stringify(input));
          else throw new Error(`The local cloud cannot deliver to ${arn}`);
        },
        deadLetter: (arn, body, attributes) =>
          queues.send(
            arn,
            body,
            Object.fromEntries(
              Object.entries(attributes).map(([name, value]) => [
                name,
                { DataType: 'String', StringValue: value },
              ]),
            ),
          ),
      },
      {
        timeScale: options.timeScale,
        log: options.log,
        usage,
        ...(options.persistDirectory ? { archiveDirectory: join(options.persistDirectory, 'archive') } : {}),
      },
    );
    stepFunctions = new LocalStepFunctions(
      assembly,
      resolver,
      functions,
      {
        sendMessage: (queueUrl, body) => queues.send(queueUrl, body),
        putEvents: (entries) => eventBridge.putEvents(entries),
        // Step Functions' DynamoDB integrations speak the low-level attribute-value format.
        dynamodb: async (operation, input) => {
          const send = () => {
            switch (operation) {
              case 'getItem':
                return dynamo.client.send(new GetItemCommand(input as never));
              case 'putItem':
                return dynamo.client.send(new PutItemCommand(input as never));
              case 'updateItem':
                return dynamo.client.send(new UpdateItemCommand(input as never));
              default:
                return dynamo.client.send(new DeleteItemCommand(input as never));
            }
          };
          const { $metadata: _, ...output } = await send();
          if (operation !== 'getItem') tableWritten();
          return JSON.parse(JSON.stringify(output)) as never;
        },
      },
      { timeScale: options.timeScale, log: options.log, usage },
    );
    const awsServer = await startAwsEndpoint({
      port: awsPort,
      functions,
      services: [
        eventBridge.service,
        queues.service,
        cognito.service,
        stepFunctions.service,
        secrets.service,
      ],
      routes: [
        ...cognito.wellKnownRoutes(awsEndpoint),
        ...inspectionRoutes({
          functions,
          dynamoDbFaults,
          queues,
          eventBridge,
          stepFunctions,
          usage,
          cognito,
        }),
      ],
    });
    stops.push(() => closeServer(awsServer));
    const mappings = new LocalEventSourceMappings(assembly, resolver, functions, queues, {
      dynamoDbEndpoint: dynamo.endpoint,
      timeScale: options.timeScale,
      log: options.log,
    });
    tableWritten = () => mappings.wake();
    queues.onMessage(() => mappings.wake());
    mappings.start();
    stops.push(() => mappings.stop());
    eventBridge.startSchedules();
    stops.push(async () => eventBridge.stopSchedules());
    stops.push(async () => stepFunctions.stop());
    const api = readHttpApi(assembly, resolver);
    let ready = options.readyWhenMarked !== true;
    const gateway = await startGateway({
      api,
      functions,
      authorizer: new JwtAuthorizer(cognito.issuers),
      port: options.port,
      log: options.log,
      usage,
      ready: () => ready,
    });

    stops.push(() => closeServer(gateway));
    step('functions, events, queues, workflows and the HTTP API');
    const [pool] = cognito.userPools;
    const userPool = { poolId: pool?.poolId ?? '', clientId: pool?.clientIds[0] ?? '' };
    mkdirSync(options.stateDirectory, { recursive: true });
    const endpoints: LocalEndpoints = {
      apiUrl,
      awsEndpoint,
      region,
      ...userPool,
      dynamodbEndpoint: dynamo.endpoint,
      eventBusName:
        resourcesOfType(assembly, 'AWS::Events::EventBus')
          .map(({ stackName, logicalId }) => resolver.ref(stackName, logicalId))
          .at(0) ?? 'default',
      tables: Object.fromEntries(
        resourcesOfType(assembly, 'AWS::DynamoDB::Table').map(({ stackName, logicalId, resource }) => [
          displayNameOf(resource, logicalId),
          resolver.ref(stackName, logicalId),
        ]),
      ),
    };
    writeFileSync(join(options.stateDirectory, 'endpoints.json'), JSON.stringify(endpoints, null, 2));
    return {
      endpoints,
      routes: api.routes.map(({ routeKey, functionArn }) => ({ routeKey, functionArn })),
      apiUrl,
      awsEndpoint,
      assembly,
      functions,
      queues,
      eventBridge,
      stepFunctions,
      cognito,
      userPool,
      summary: {
        functions: functions.definitions.length,
        routes: api.routes.length,
        tables: tables.length,
        rules: eventBridge.ruleCount,
        queues: queues.all.length,
        stateMachines: stepFunctions.count,
        eventSourceMappings: mappings.count,
      },
      usage,
      dynamoDbPid: dynamo.pid,
      markReady: () => {
        ready = true;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
