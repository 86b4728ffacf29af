import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../infra/constructs/service-function.js';
import { startLocalCloud } from '../local/cloud.js';
import { LAMBDA_LIKE_SANDBOXES } from '../local/lambda/functions.js';
import { freePort } from '../local/net.js';
import { adminAccount, DEMO_PRODUCTS, seed } from '../local/seed.js';
import { catalogBench } from './catalog.js';
import { costModel } from './cost.js';
import { judge, medianInterval, type PairedFigure, type Probe, pairedColdStarts, tooNoisy } from './init.js';
import { loadRun } from './load.js';
import { middlewareOverhead } from './overhead.js';
import { PRICES } from './prices.js';
import { type BenchResults, BUDGET, headline, writeFigures } from './report.js';
import { round } from './stats.js';

/**
 * `npm run bench`: bundle sizes, cold-start proxy and middleware overhead,
 * measured on the functions as `npm start` runs them (the synthesized,
 * bundled assets), printed as a table and written to bench/results/latest.json.
 * `--quick` measures three functions once, for the smoke test.
 */
const DEFAULT_OUT = join(PROJECT_ROOT, 'bench', 'results', 'latest.json');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    /**
     * Cold-start pairs (function and baseline) per function: 9 give a 96 % interval for the median
     * ratio that leaves out the highest and the lowest ratio (7 would need all of them).
     */
    runs: { type: 'string', default: '9' },
    /** Orders per second during the load run, and for how long. */
    rate: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '60' },
    /** Lines per order (each of another product). */
    lines: { type: 'string', default: '1' },
    /** Products in the catalog case's generated catalog. */
    'catalog-products': { type: 'string', default: '10000' },
    /** Skip the cold-start probes (for quick experiments with the load). */
    'no-init': { type: 'boolean', default: false },
    out: { type: 'string', default: DEFAULT_OUT },
  },
});
const runs = values.quick ? 1 : Number(values.runs);
const lines = Number(values.lines);
if (!Number.isInteger(lines) || lines < 1 || lines > DEMO_PRODUCTS.length)
  throw new Error(`--lines must be a whole number from 1 to ${DEMO_PRODUCTS.length}, not ${values.lines}.`);

/** An HTTP API event for a route, as API Gateway hands it over, with a signed-in admin's claims. */
const httpEvent = (routeKey: string) => {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  const values: Record<string, string> = {
    sku: 'BOOK-DDIA',
    orderId: '00000000-0000-4000-8000-000000000000',
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
  };
  const pathParameters = Object.fromEntries(
    [...path.matchAll(/\{(\w+)\}/g)].map(([, name = '']) => [name, values[name] ?? 'x']),
  );
  const rawPath = path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'bench' },
    ...(Object.keys(pathParameters).length > 0 ? { pathParameters } : {}),
    ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
    isBase64Encoded: false,
    requestContext: {
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      authorizer: { jwt: { claims: { sub: 'bench-user', 'cognito:groups': '[admin]' }, scopes: [] } },
      requestId: 'bench',
      routeKey,
      stage: '$default',
    },
  };
};

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'shop-bench-'));
const progress = (step: string) =>
  process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${step}\n`);
progress('Synthesizing and starting the local cloud…');
const cloud = await startLocalCloud({
  port: await freePort(),
  outdir: join(work, 'cdk.out'),
  stateDirectory: join(work, 'state'),
  timeScale: 1,
  // The functions' logs, kept only where SHOP_BENCH_LOG says (to find out why a run failed).
  log: process.env.SHOP_BENCH_LOG
    ? (line: string) => appendFileSync(process.env.SHOP_BENCH_LOG ?? '', `${line}\n`)
    : () => undefined,
  meterDynamoDb: true,
  // Warm as on Lambda: a sandbox the local cloud reclaims to save memory would be a cold start AWS does not have.
  sandboxes: LAMBDA_LIKE_SANDBOXES,
});
try {
  const definitions = [...cloud.functions.definitions].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
  // Every service has a RelayOutbox: those are named after their service.
  const shortName = (displayName: string) => {
    const name = displayName.split('/').at(-1) ?? displayName;
    return name === 'RelayOutbox' ? `${displayName.split('/')[0]}${name}` : name;
  };
  const bundles = definitions.map((fn) => ({
    function: shortName(fn.displayName),
    service: fn.displayName.split('/')[0] ?? '',
    bytes: statSync(fn.entry).size,
  }));

  const routeOf = new Map(cloud.routes.map((route) => [route.functionArn, route.routeKey]));
  const measured = values['no-init'] ? [] : values.quick ? definitions.slice(0, 3) : definitions;
  const probes: Probe[] = measured.map((fn) => {
    const routeKey = routeOf.get(fn.arn);
    return {
      function: shortName(fn.displayName),
      entry: fn.entry,
      handlerName: fn.handlerName,
      environment: { ...fn.environment, POWERTOOLS_LOG_LEVEL: 'SILENT' },
      event: routeKey ? httpEvent(routeKey) : {},
    };
  });
  const [sample] = definitions;
  const baseline: Probe = {
    function: 'baseline',
    entry: join(PROJECT_ROOT, 'bench', 'baseline-handler.mjs'),
    handlerName: 'handler',
    environment: {
      ...(sample?.environment ?? {}),
      BASELINE_TABLE: cloud.endpoints.tables.InventoryTable ?? '',
    },
    event: {},
  };
  progress(
    `Cold starts: ${probes.length} functions × ${runs} pairs with the baseline, after a warm-up round…`,
  );
  const paired = await pairedColdStarts(baseline, probes, runs, { warmUpRounds: values.quick ? 0 : 1 });
  const baselineMs = paired.baseline.initMs;
  const baselineColdStartMs = paired.baseline.coldStartMs;
  const judged = (figure: PairedFigure | undefined) => {
    const interval = medianInterval(figure?.ratios ?? []);
    return {
      medianMs: figure?.medianMs ?? Number.NaN,
      ratio: round(interval.median),
      low: round(interval.low),
      high: round(interval.high),
      verdict: judge(interval, BUDGET.initRatio),
    };
  };
  // The budget is on init; the whole cold start, the first request's own work included, is shown beside it.
  const init = probes.map((probe) => {
    const measured = paired.functions.get(probe.function);
    return { function: probe.function, ...judged(measured?.init), coldStart: judged(measured?.coldStart) };
  });
  const initLoad = paired.load;

  progress(
    values.quick
      ? 'Load: a few orders, no warm-up (quick: the figures mean nothing)…'
      : `Load: ${values.rate} orders/s of ${values.lines} line(s) from many customers for ${values.seconds} s, after a warm-up…`,
  );
  const admin = adminAccount({});
  await seed(cloud, admin, join(work, 'state'));
  const adminToken = (
    (await (
      await fetch(`${cloud.apiUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.email, password: admin.password }),
      })
    ).json()) as { accessToken: string }
  ).accessToken;
  const skus = DEMO_PRODUCTS.map((product) => product.sku);
  // Enough stock that every order can be confirmed: the load measures the happy path.
  for (const sku of skus)
    await fetch(`${cloud.apiUrl}/inventory/${sku}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ available: 1_000_000 }),
    });
  const { load, usage, invariantViolations } = await loadRun(cloud, {
    customers: values.quick ? 2 : 20,
    ratePerSecond: Number(values.rate),
    lines,
    durationMs: values.quick ? 2_000 : Number(values.seconds) * 1000,
    warmUpMs: values.quick ? 0 : 20_000,
    skus,
    settleMs: 120_000,
  });

  const catalogProducts = values.quick ? 200 : Number(values['catalog-products']);
  progress(`Catalog: ${catalogProducts} products loaded, then searched…`);
  const catalog = await catalogBench({ products: catalogProducts, rounds: values.quick ? 1 : 20 });

  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  progress('Middleware overhead…');
  const overhead = await middlewareOverhead(values.quick ? 300 : 20_000);
  const cost = costModel(usage, Math.max(1, load.accepted));

  // The trend: the headline figures of the full run this one replaces.
  const previous =
    !values.quick && existsSync(values.out)
      ? headline(JSON.parse(readFileSync(values.out, 'utf8')) as BenchResults)
      : undefined;
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' },
    bundles: bundles.map(({ function: name, bytes }) => ({ function: name, bytes })),
    init: { baselineMs, baselineColdStartMs, pairs: runs, load: initLoad, functions: init },
    overhead,
    load,
    cost,
    usage,
    invariantViolations,
    catalog,
    ...(previous ? { previous } : {}),
  };
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
  // The docs show the latest figures of a full run, never a quick one's.
  if (!values.quick && values.out === DEFAULT_OUT)
    writeFigures(
      { performance: join(PROJECT_ROOT, 'docs', 'performance.md'), readme: join(PROJECT_ROOT, 'README.md') },
      results,
    );

  const largest = [...bundles].sort((a, b) => b.bytes - a.bytes)[0];
  const worst = [...init].sort((a, b) => b.ratio - a.ratio)[0];
  const worstCold = [...init].sort((a, b) => b.coldStart.ratio - a.coldStart.ratio)[0];
  const verdicts = (figures: readonly { verdict: string }[]) =>
    ['pass', 'fail', 'undecided']
      .map((kind) => `${figures.filter((figure) => figure.verdict === kind).length} ${kind}`)
      .join(', ');
  /** A figure and its verdict: within its budget or over it, or shown without one. */
  const line = (label: string, value: string, ok: boolean | 'not measured' | 'not budgeted') =>
    `${label.padEnd(40)} ${value.padEnd(28)} ${typeof ok === 'string' ? ok : ok ? 'within budget' : 'OVER BUDGET'}`;
  process.stdout.write(
    [
      '',
      'function                         bundle KiB   init ms   ratio [95 % interval]            with its first request: ms   ratio [95 % interval]',
      ...bundles.map((bundle) => {
        const cold = init.find((entry) => entry.function === bundle.function);
        const figure = (f: { ratio: number; low: number; high: number; verdict: string }) =>
          `${f.ratio.toFixed(2)} [${f.low.toFixed(2)}–${f.high.toFixed(2)}] ${f.verdict}`.padEnd(30);
        return `${bundle.function.padEnd(32)} ${(bundle.bytes / 1024).toFixed(1).padStart(10)}   ${cold ? `${cold.medianMs.toFixed(1).padStart(7)}   ${figure(cold)}   ${cold.coldStart.medianMs.toFixed(1).padStart(26)}   ${figure(cold.coldStart)}` : '      –'}`;
      }),
      '',
      `What one order consumed (${load.accepted} orders), priced in ${PRICES.region}:`,
      'function                         invocations   billed ms each   memory MB',
      ...Object.entries(usage.functions)
        .sort(([, a], [, b]) => b.billedMs * b.memoryMb - a.billedMs * a.memoryMb)
        .map(
          ([name, fn]) =>
            `${shortName(name).padEnd(32)} ${(fn.invocations / Math.max(1, load.accepted)).toFixed(2).padStart(11)}   ${(fn.billedMs / Math.max(1, fn.invocations)).toFixed(1).padStart(14)}   ${String(fn.memoryMb).padStart(9)}`,
        ),
      '',
      'table                                    write units   read units   (per order)',
      ...Object.entries(usage.dynamodb.tables)
        .sort(([, a], [, b]) => b.writeUnits - a.writeUnits)
        .flatMap(([table, units]) =>
          [
            [table, units] as const,
            ...Object.entries(units.items)
              .sort(([, a], [, b]) => b.writeUnits - a.writeUnits || b.readUnits - a.readUnits)
              .map(([item, spent]) => [`  ${item}`, spent] as const),
          ].map(
            ([name, spent]) =>
              `${name.padEnd(40)} ${(spent.writeUnits / Math.max(1, load.accepted)).toFixed(2).padStart(11)}   ${(spent.readUnits / Math.max(1, load.accepted)).toFixed(2).padStart(10)}`,
          ),
        ),
      '',
      'cost item                                 per order   unit           $ per million orders',
      ...[...cost.shared, ...cost.standard, ...cost.express].map(
        (entry) =>
          `${entry.item.padEnd(40)} ${String(entry.perOrder).padStart(10)}   ${entry.unit.padEnd(14)} ${entry.usdPerMillionOrders.toFixed(2).padStart(10)}`,
      ),
      `${'Standard saga: shared + transitions'.padEnd(68)} ${cost.standardPerMillionUsd.toFixed(2).padStart(10)}`,
      `${'Express saga: shared + requests, duration, history logs'.padEnd(68)} ${cost.expressPerMillionUsd.toFixed(2).padStart(10)}`,
      '',
      line(
        `largest bundle (≤ ${BUDGET.bundleBytes / 1024} KiB)`,
        `${largest?.function} ${((largest?.bytes ?? 0) / 1024).toFixed(1)} KiB`,
        (largest?.bytes ?? 0) <= BUDGET.bundleBytes,
      ),
      line(
        'baseline: init, with its first request',
        `${baselineMs} ms, ${baselineColdStartMs} ms`,
        'not budgeted',
      ),
      worst
        ? line(
            `init ≤ ${BUDGET.initRatio}× (95 % interval of ${runs} pairs)`,
            `${verdicts(init)}; worst ${worst.function} ${worst.ratio} [${worst.low}–${worst.high}]`,
            init.every((entry) => entry.verdict === 'pass'),
          )
        : line(`init ≤ ${BUDGET.initRatio}×`, '(--no-init)', 'not measured'),
      worstCold
        ? line(
            `with its first request ≤ ${BUDGET.initRatio}× (not a budget)`,
            `${verdicts(init.map((entry) => entry.coldStart))}; worst ${worstCold.function} ${worstCold.coldStart.ratio} [${worstCold.coldStart.low}–${worstCold.coldStart.high}]`,
            'not budgeted',
          )
        : line('with its first request', '(--no-init)', 'not measured'),
      line(
        'machine load per core, before / during the cold starts',
        `${initLoad.before} / ${initLoad.duringMax}${tooNoisy(initLoad) ? ': too noisy to judge' : ''}`,
        !tooNoisy(initLoad),
      ),
      line(
        'load: orders/s, API p50/p99, saga p50/p99',
        `${load.ordersPerSecond} · ${load.apiP50Ms}/${load.apiP99Ms} ms · ${load.sagaP50Ms}/${load.sagaP99Ms} ms`,
        'not budgeted',
      ),
      line('load errors (5xx or unfinished), 0', String(load.errors), load.errors === 0),
      line(
        `catalog of ${catalog.products}: search p50/p99, read units`,
        `${catalog.searchP50Ms}/${catalog.searchP99Ms} ms · ${catalog.readUnitsPerSearch} RU (listing ${catalog.listingReadUnitsPerPage})`,
        'not budgeted',
      ),
      line(
        'invariant violations after the load, 0',
        String(invariantViolations.length),
        invariantViolations.length === 0,
      ),
      line(
        `cost per million orders, Standard (≤ $${BUDGET.standardPerMillionUsd})`,
        `$${cost.standardPerMillionUsd.toFixed(2)}`,
        cost.standardPerMillionUsd <= BUDGET.standardPerMillionUsd,
      ),
      line(
        `cost per million orders, Express (≤ $${BUDGET.expressPerMillionUsd})`,
        `$${cost.expressPerMillionUsd.toFixed(2)}`,
        cost.expressPerMillionUsd <= BUDGET.expressPerMillionUsd,
      ),
      line(
        `middleware overhead p50 (≤ ${BUDGET.middlewareP50Ms} ms)`,
        `${overhead.middlewareP50Ms} ms (p99 ${overhead.middlewareP99Ms} ms)`,
        overhead.middlewareP50Ms <= BUDGET.middlewareP50Ms,
      ),
      '',
      `written to ${values.out} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      '',
    ].join('\n'),
  );
} finally {
  await cloud.stop();
  rmSync(work, { recursive: true, force: true });
}
