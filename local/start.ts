import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../infra/constructs/service-function.js';
import { startLocalCloud } from './cloud.js';
import { LocalCloudError } from './errors.js';
import { cpuPercent, describeMemory, footprint } from './footprint.js';
import { adminAccount, seed } from './seed.js';

const { values } = parseArgs({
  options: {
    persist: { type: 'boolean', default: false },
    port: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    // CDK context for the synth, as with cdk: -c sagaWorkflowType=EXPRESS
    context: { type: 'string', short: 'c', multiple: true, default: [] },
  },
});

const contextFlags = () =>
  Object.fromEntries(
    values.context.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new LocalCloudError(`-c takes name=value, not ${pair}.`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

// The SDK's notice about its own future Node.js support is not the shop's concern (it supports Node.js 20).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const started = performance.now();
const port = Number(values.port ?? process.env.PORT ?? 3000);
const stateDirectory = join(PROJECT_ROOT, '.local');
const timeScale = Number(process.env.SHOP_LOCAL_TIME_SCALE ?? 1);
const log = values.quiet ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);

const main = async () => {
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new LocalCloudError(`PORT must be a port number, not ${port}.`);
  if (!(timeScale > 0)) throw new LocalCloudError('SHOP_LOCAL_TIME_SCALE must be a positive number.');
  process.stdout.write('Starting the local cloud (the first start synthesizes and bundles: ~30 s)…\n');
  const progress = (step: string, seconds: number) =>
    process.stdout.write(`  ${step.padEnd(56, ' ')} ${seconds.toFixed(1).padStart(5, ' ')} s\n`);
  const cloud = await startLocalCloud({
    reuseSynth: true,
    progress,
    port,
    outdir: join(PROJECT_ROOT, 'cdk.out'),
    stateDirectory,
    timeScale,
    log,
    context: contextFlags(),
    ...(values.persist ? { persistDirectory: stateDirectory } : {}),
    // GET /health answers 200 only once the demo catalog and the admin exist.
    readyWhenMarked: true,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the local cloud…\n`);
    await cloud.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const admin = adminAccount(process.env);
  const seeding = performance.now();
  const seeded = await seed(cloud, admin, stateDirectory);
  progress('the admin and the demo data', (performance.now() - seeding) / 1000);
  cloud.markReady();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const { summary } = cloud;
  process.stdout.write(
    [
      '',
      `serverless-shop is running at ${cloud.apiUrl}`,
      '',
      `  ${summary.functions} functions · ${summary.routes} routes · ${summary.tables} tables · ${summary.rules} rules · ${summary.queues} queues · ${summary.stateMachines} state machines · ${summary.eventSourceMappings} event source mappings`,
      `  AWS endpoint (Lambda, EventBridge, SQS, Cognito, Step Functions): ${cloud.awsEndpoint}`,
      `  data: ${values.persist ? `kept under ${stateDirectory}` : 'in memory (use --persist to keep it)'}` +
        (seeded.products > 0
          ? ` · seeded ${seeded.categories} categories and ${seeded.products} products`
          : ''),
      `  admin: ${admin.email} / ${admin.generated ? `${admin.password}  (generated; set SHOP_ADMIN_EMAIL and SHOP_ADMIN_PASSWORD to choose)` : '(from SHOP_ADMIN_PASSWORD)'}`,
      `  a token for manual calls: npm run token -- --admin`,
      `  started in ${seconds} s · memory ${describeMemory(footprint(cloud.dynamoDbPid))}`,
      `  (the CPU and memory it uses while idle are printed after its first quiet minute)`,
      '',
      'Function logs follow. Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  reportIdleFootprint(cloud);
};

/**
 * After the first minute in which no request reached the API, following
 * another such minute (so that the work a request started is over), prints
 * what the idle local cloud costs: CPU as a share of one core, and memory
 * (the figures docs/local-cloud.md records). The orders' sweep of stalled
 * orders, run every minute, is part of idle.
 */
const reportIdleFootprint = (cloud: {
  dynamoDbPid: number | undefined;
  usage: { snapshot(): { apiRequests: number } };
}) => {
  const MINUTE_MS = 60_000;
  let start = {
    at: performance.now(),
    footprint: footprint(cloud.dynamoDbPid),
    requests: cloud.usage.snapshot().apiRequests,
  };
  let quietBefore = false;
  const timer = setInterval(() => {
    const now = {
      at: performance.now(),
      footprint: footprint(cloud.dynamoDbPid),
      requests: cloud.usage.snapshot().apiRequests,
    };
    const quiet = now.requests === start.requests;
    if (quiet && quietBefore) {
      const cpu = cpuPercent(start.footprint, now.footprint, now.at - start.at);
      process.stdout.write(
        `\nIdle for a minute: ${cpu.total.toFixed(1)} % of one core (the shop ${cpu.shop.toFixed(1)} %` +
          `${cpu.dynamoDb === undefined ? '' : `, DynamoDB Local ${cpu.dynamoDb.toFixed(1)} %`}) · memory ${describeMemory(now.footprint)}\n\n`,
      );
      clearInterval(timer);
    }
    quietBefore = quiet;
    start = now;
  }, MINUTE_MS);
  timer.unref();
};

main().catch((error: unknown) => {
  if (error instanceof LocalCloudError) {
    process.stderr.write(`\n${error.message}\n`);
  } else {
    process.stderr.write(
      `\nThe local cloud could not start:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
