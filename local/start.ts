import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../infra/constructs/service-function.js';
import { startLocalCloud } from './cloud.js';
import { LocalCloudError } from './errors.js';
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

const started = performance.now();
const port = Number(values.port ?? process.env.PORT ?? 3000);
const stateDirectory = join(PROJECT_ROOT, '.local');
const timeScale = Number(process.env.SHOP_LOCAL_TIME_SCALE ?? 1);
const log = values.quiet ? () => undefined : (line: string) => process.stdout.write(`${line}\n`);

const main = async () => {
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new LocalCloudError(`PORT must be a port number, not ${port}.`);
  if (!(timeScale > 0)) throw new LocalCloudError('SHOP_LOCAL_TIME_SCALE must be a positive number.');
  process.stdout.write('Synthesizing the shop and starting the local cloud…\n');
  const cloud = await startLocalCloud({
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
  const seeded = await seed(cloud, admin, stateDirectory);
  cloud.markReady();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const rssMiB = Math.round(process.memoryUsage().rss / 1024 / 1024);
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
      `  started in ${seconds} s · resident memory ${rssMiB} MiB`,
      '',
      'Function logs follow. Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
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
