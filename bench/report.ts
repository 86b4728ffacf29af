import { readFileSync, writeFileSync } from 'node:fs';
import { withBlock } from '../scripts/generated-block.js';
import { tooNoisy } from './init.js';

/** The bench's budgets: each figure is judged against these. */
export const BUDGET = {
  bundleBytes: 150 * 1024,
  /** Each function's cold start against the baseline's, judged on the 95 % interval of its median. */
  initRatio: 1.2,
  middlewareP50Ms: 0.3,
  standardPerMillionUsd: 90,
  expressPerMillionUsd: 15,
};

/** A function's figure against the baseline's: the median of its ratios, and their 95 % interval. */
export interface PairedRatio {
  readonly ratio: number;
  readonly low?: number;
  readonly high?: number;
  readonly verdict?: 'pass' | 'fail' | 'undecided';
}

/** What `bench/results/latest.json` holds that the report reads. */
export interface BenchResults {
  readonly measuredAt: string;
  readonly machine: { readonly node: string; readonly cpus: number };
  readonly bundles: readonly { readonly function: string; readonly bytes: number }[];
  readonly init: {
    /** The baseline's init (its whole cold start in runs before init was told apart). */
    readonly baselineMs: number;
    /** The baseline's whole cold start, its first request included (absent before init was told apart). */
    readonly baselineColdStartMs?: number;
    /** Function–baseline pairs per function (absent from runs before the pairing). */
    readonly pairs?: number;
    /** Load per core before and during the cold starts (too high during: not judged). */
    readonly load?: { readonly before: number; readonly duringMax: number };
    readonly functions: readonly (PairedRatio & {
      readonly function: string;
      /** The whole cold start, its first request included (absent before init was told apart). */
      readonly coldStart?: PairedRatio;
    })[];
  };
  readonly overhead: { readonly middlewareP50Ms: number; readonly middlewareP99Ms: number };
  readonly load: {
    readonly ordersPerSecond: number;
    readonly accepted: number;
    readonly errors: number;
    readonly apiP50Ms: number;
    readonly apiP99Ms: number;
    readonly sagaP50Ms: number;
    readonly sagaP99Ms: number;
    readonly linesPerOrder: number;
  };
  readonly cost: {
    readonly shared: readonly { readonly item: string; readonly perOrder: number; readonly unit: string }[];
    readonly standard: readonly { readonly item: string; readonly perOrder: number }[];
    readonly standardPerMillionUsd: number;
    readonly expressPerMillionUsd: number;
  };
  readonly usage: {
    /** Events by detail-type (absent from runs before they were counted by type). */
    readonly events?: { readonly byType?: Readonly<Record<string, number>> };
    readonly dynamodb: {
      readonly tables: Readonly<
        Record<
          string,
          {
            readonly readUnits: number;
            readonly writeUnits: number;
            /** By what they were spent on (absent from runs before it was told). */
            readonly items?: Readonly<
              Record<string, { readonly readUnits: number; readonly writeUnits: number }>
            >;
          }
        >
      >;
    };
  };
  readonly invariantViolations: readonly unknown[];
  /** The headline figures of the full run before this one, for the trend (absent before it was kept). */
  readonly previous?: BenchHeadline;
  /** The catalog case (absent from runs before it). */
  readonly catalog?: {
    readonly products: number;
    readonly searches: number;
    readonly searchP50Ms: number;
    readonly searchP99Ms: number;
    readonly readUnitsPerSearch: number;
    readonly listingReadUnitsPerPage: number;
    /** Absent from runs before search kept its index in memory. */
    readonly indexLoad?: { readonly ms: number; readonly readUnits: number; readonly heapMiB: number };
  };
}

const verdict = (ok: boolean) => (ok ? '✓' : '✗');

/** How many functions pass, fail, or cannot be told apart from the budget, with the pairs and the load. */
const coldStartVerdicts = (
  init: BenchResults['init'],
  figures: readonly (PairedRatio | undefined)[],
  withLoad: boolean,
): string => {
  if (!init.pairs) return '';
  const count = (kind: string) => figures.filter((figure) => figure?.verdict === kind).length;
  const load =
    withLoad && init.load
      ? `; load per core ${init.load.before} before, ${init.load.duringMax} at most during`
      : '';
  return `; ${init.pairs} pairs each: ${count('pass')} pass, ${count('fail')} fail, ${count('undecided')} undecided${load}`;
};

/** Each function's whole cold start, named (undefined in runs before init was told apart). */
const coldStartsOf = (results: BenchResults) =>
  results.init.functions.map((fn) => (fn.coldStart ? { ...fn.coldStart, function: fn.function } : undefined));

/** The median and the worst of the functions' figures. */
const spread = <F extends PairedRatio>(figures: readonly (F | undefined)[]) => {
  const known = figures
    .filter((figure): figure is F => figure !== undefined)
    .sort((a, b) => b.ratio - a.ratio);
  return { worst: known[0], median: known[Math.floor(known.length / 2)] };
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Events per order by detail-type, in parentheses (nothing for runs before they were counted by type). */
const eventsByType = (results: BenchResults): string => {
  const byType = Object.entries(results.usage.events?.byType ?? {}).sort(([, a], [, b]) => b - a);
  return byType.length > 0
    ? ` (${byType.map(([type, count]) => `${type} ${+(count / Math.max(1, results.load.accepted)).toFixed(2)}`).join(', ')})`
    : '';
};

/** The table of the latest figures that docs/performance.md shows, from a bench run's results. */
export const figuresTable = (results: BenchResults): string => {
  const bundles = [...results.bundles].sort((a, b) => b.bytes - a.bytes);
  const largest = bundles[0];
  const smallest = bundles.at(-1);
  const { worst, median } = spread(results.init.functions);
  const colds = coldStartsOf(results);
  const { worst: worstCold, median: medianCold } = spread(colds);
  const perOrder = (item: string) => results.cost.shared.find((entry) => entry.item === item)?.perOrder ?? 0;
  const transitions = results.cost.standard.find((entry) => entry.item === 'Step Functions transitions');
  const rows = [
    ['Measure', 'Figure', 'Budget'],
    ['---', '---', '---'],
    [
      'Bundle size, largest',
      `${largest?.function} ${kib(largest?.bytes ?? 0)} (smallest ${smallest?.function} ${kib(smallest?.bytes ?? 0)})`,
      `≤ ${kib(BUDGET.bundleBytes)} ${verdict((largest?.bytes ?? 0) <= BUDGET.bundleBytes)}`,
    ],
    worst
      ? [
          colds.some((cold) => cold !== undefined)
            ? 'Init (process start to handler loaded) against the baseline’s (SDK client)'
            : 'Cold start against the baseline (SDK client + one GetItem)',
          `baseline ${results.init.baselineMs} ms; median ${median?.ratio}×; worst ${worst.function} ${worst.ratio}×${worst.low !== undefined ? ` [${worst.low}–${worst.high}]` : ''}${coldStartVerdicts(results.init, results.init.functions, true)}`,
          `≤ ${BUDGET.initRatio}×${results.init.pairs ? ' (95 % interval)' : ''} ${results.init.load && tooNoisy(results.init.load) ? 'too noisy to judge' : verdict(results.init.functions.every((fn) => (fn.verdict ? fn.verdict === 'pass' : fn.ratio <= BUDGET.initRatio)))}`,
        ]
      : ['Init', 'not measured', `≤ ${BUDGET.initRatio}×`],
    ...(worstCold
      ? [
          [
            'Cold start with its first request against the baseline’s (one GetItem)',
            `baseline ${results.init.baselineColdStartMs} ms; median ${medianCold?.ratio}×; worst ${worstCold.function} ${worstCold.ratio}×${worstCold.low !== undefined ? ` [${worstCold.low}–${worstCold.high}]` : ''}${coldStartVerdicts(results.init, colds, false)}`,
            'shown, not budgeted: a first request does what the route needs',
          ],
        ]
      : []),
    [
      'Middleware (`httpRoute`) overhead per invocation',
      `p50 ${results.overhead.middlewareP50Ms} ms, p99 ${results.overhead.middlewareP99Ms} ms`,
      `p50 ≤ ${BUDGET.middlewareP50Ms} ms ${verdict(results.overhead.middlewareP50Ms <= BUDGET.middlewareP50Ms)}`,
    ],
    [
      `Load: ${results.load.ordersPerSecond} orders/s, ${results.load.linesPerOrder} line each`,
      `${results.load.accepted} accepted, ${results.load.errors} errors; \`POST /orders\` p50 ${results.load.apiP50Ms} ms / p99 ${results.load.apiP99Ms} ms; saga p50 ${results.load.sagaP50Ms} ms / p99 ${results.load.sagaP99Ms} ms; ${results.invariantViolations.length} invariant violations`,
      `0 errors ${verdict(results.load.errors === 0 && results.invariantViolations.length === 0)}`,
    ],
    [
      'One order',
      `${perOrder('Lambda requests')} invocations, ${perOrder('EventBridge events')} events${eventsByType(results)}, ${transitions?.perOrder ?? 0} transitions, ${perOrder('DynamoDB writes')} write units, ${perOrder('DynamoDB reads')} read units`,
      '',
    ],
    [
      'Write units per order, by table and by what they wrote',
      Object.entries(results.usage.dynamodb.tables)
        .filter(([, units]) => units.writeUnits > 0)
        .sort(([, a], [, b]) => b.writeUnits - a.writeUnits)
        .map(([table, units]) => {
          const perOrder = (writeUnits: number) =>
            +(writeUnits / Math.max(1, results.load.accepted)).toFixed(2);
          const items = Object.entries(units.items ?? {})
            .filter(([, item]) => item.writeUnits > 0)
            .sort(([, a], [, b]) => b.writeUnits - a.writeUnits)
            .map(([item, { writeUnits }]) => `${item} ${perOrder(writeUnits)}`);
          return `${table
            .replace(/^ShopData-/, '')
            .replace(/Table[0-9A-F]{8}$/, '')
            .toLowerCase()} ${perOrder(units.writeUnits)}${items.length > 0 ? ` (${items.join(', ')})` : ''}`;
        })
        .join('; '),
      '',
    ],
    ...(results.catalog
      ? [
          [
            `Catalog search, ${results.catalog.products} products`,
            `${results.catalog.searches} searches (the use case on DynamoDB Local): p50 ${results.catalog.searchP50Ms} ms / p99 ${results.catalog.searchP99Ms} ms, ${results.catalog.readUnitsPerSearch} read units each on average${results.catalog.indexLoad ? `; a container's first search loads the index: ${results.catalog.indexLoad.ms} ms, ${results.catalog.indexLoad.readUnits} read units, ${results.catalog.indexLoad.heapMiB} MiB of heap` : ''}; a listing page of 20 by price: ${results.catalog.listingReadUnitsPerPage} read units`,
            '',
          ],
        ]
      : []),
    [
      'Cost per million orders, Standard saga',
      `$${results.cost.standardPerMillionUsd.toFixed(2)}`,
      `≤ $${BUDGET.standardPerMillionUsd} ${verdict(results.cost.standardPerMillionUsd <= BUDGET.standardPerMillionUsd)}`,
    ],
    [
      'Cost per million orders, Express saga',
      `$${results.cost.expressPerMillionUsd.toFixed(2)}`,
      `≤ $${BUDGET.expressPerMillionUsd} ${verdict(results.cost.expressPerMillionUsd <= BUDGET.expressPerMillionUsd)}`,
    ],
  ];
  return [
    `Measured ${results.measuredAt.slice(0, 10)} on ${results.machine.cpus} cores, Node ${results.machine.node.replace(/^v/, '')}:`,
    '',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
};

/** A headline's cold-start figure: the baseline's time, the functions' median ratio and the worst. */
export interface HeadlineRatio {
  readonly baselineMs: number;
  readonly medianRatio: number;
  readonly worst: { readonly function: string; readonly ratio: number };
}

/** The figures a run is compared on with the one before it. */
export interface BenchHeadline {
  readonly measuredAt: string;
  readonly largestBundle: { readonly function: string; readonly kib: number };
  /** Init alone; in headlines kept before init was told apart (no `coldStart`), the whole cold start. */
  readonly init?: HeadlineRatio;
  /** The whole cold start, its first request included (absent before init was told apart). */
  readonly coldStart?: HeadlineRatio;
  readonly apiP50Ms: number;
  readonly sagaP50Ms: number;
  readonly writeUnitsPerOrder: number;
  readonly readUnitsPerOrder: number;
  readonly search?: { readonly p50Ms: number; readonly readUnits: number };
  readonly standardPerMillionUsd: number;
  readonly expressPerMillionUsd: number;
}

/** A run's headline figures: what the next run keeps of it as `previous`. */
export const headline = (results: BenchResults): BenchHeadline => {
  const largest = [...results.bundles].sort((a, b) => b.bytes - a.bytes)[0];
  const headlineRatio = (
    baselineMs: number | undefined,
    figures: readonly ((PairedRatio & { function: string }) | undefined)[],
  ): HeadlineRatio | undefined => {
    const { worst, median } = spread(figures);
    return worst && median && baselineMs !== undefined
      ? { baselineMs, medianRatio: median.ratio, worst: { function: worst.function, ratio: worst.ratio } }
      : undefined;
  };
  const init = headlineRatio(results.init.baselineMs, results.init.functions);
  const coldStart = headlineRatio(results.init.baselineColdStartMs, coldStartsOf(results));
  const perOrder = (item: string) => results.cost.shared.find((entry) => entry.item === item)?.perOrder ?? 0;
  return {
    measuredAt: results.measuredAt,
    largestBundle: { function: largest?.function ?? '', kib: +((largest?.bytes ?? 0) / 1024).toFixed(1) },
    ...(init ? { init } : {}),
    ...(coldStart ? { coldStart } : {}),
    apiP50Ms: results.load.apiP50Ms,
    sagaP50Ms: results.load.sagaP50Ms,
    writeUnitsPerOrder: perOrder('DynamoDB writes'),
    readUnitsPerOrder: perOrder('DynamoDB reads'),
    ...(results.catalog
      ? { search: { p50Ms: results.catalog.searchP50Ms, readUnits: results.catalog.readUnitsPerSearch } }
      : {}),
    standardPerMillionUsd: results.cost.standardPerMillionUsd,
    expressPerMillionUsd: results.cost.expressPerMillionUsd,
  };
};

const ratioText = (figure: HeadlineRatio | undefined): string =>
  figure ? `${figure.medianRatio}×, ${figure.worst.function} ${figure.worst.ratio}×` : 'not measured';

/** This run's headline figures beside the previous run's, as the README and docs/performance.md show them. */
export const trendTable = (results: BenchResults): string => {
  const now = headline(results);
  const before = results.previous;
  const rows: [string, (figures: BenchHeadline) => string][] = [
    ['Largest bundle', (f) => `${f.largestBundle.function} ${f.largestBundle.kib} KiB`],
    [
      'Init: median, worst (× the baseline)',
      (f) => (f.coldStart ? ratioText(f.init) : 'not told apart from the first request'),
    ],
    [
      'Cold start with its first request: median, worst (× the baseline)',
      // A headline kept before init was told apart measured the whole cold start as `init`.
      (f) => ratioText(f.coldStart ?? f.init),
    ],
    ['`POST /orders` p50, saga p50', (f) => `${f.apiP50Ms} ms, ${f.sagaP50Ms} ms`],
    ['Write and read units per order', (f) => `${f.writeUnitsPerOrder}, ${f.readUnitsPerOrder}`],
    [
      'Search at 10,000 products: p50, read units',
      (f) => (f.search ? `${f.search.p50Ms} ms, ${f.search.readUnits}` : 'not measured'),
    ],
    [
      'Per million orders: Standard, Express',
      (f) => `$${f.standardPerMillionUsd.toFixed(2)}, $${f.expressPerMillionUsd.toFixed(2)}`,
    ],
  ];
  return [
    `| Measure | This run (${now.measuredAt.slice(0, 10)}) | The run before${before ? ` (${before.measuredAt.slice(0, 10)})` : ''} |`,
    '| --- | --- | --- |',
    ...rows.map(([label, show]) => `| ${label} | ${show(now)} | ${before ? show(before) : 'not kept'} |`),
  ].join('\n');
};

const TREND = {
  start: '<!-- trend: written by npm run bench from bench/results/latest.json -->',
  end: '<!-- /trend -->',
};

/** The document with its trend block replaced by `results`' trend. */
export const withTrend = (document: string, results: BenchResults): string =>
  withBlock(document, TREND, trendTable(results));

const FIGURES = {
  start: '<!-- figures: written by npm run bench from bench/results/latest.json -->',
  end: '<!-- /figures -->',
};

/** The document with its figures block replaced by the table of `results`. */
export const withFigures = (document: string, results: BenchResults): string =>
  withBlock(document, FIGURES, figuresTable(results));

/** Writes the figures of `results` into docs/performance.md, and its trend there and into the README. */
export const writeFigures = (paths: { performance: string; readme: string }, results: BenchResults): void => {
  writeFileSync(
    paths.performance,
    withTrend(withFigures(readFileSync(paths.performance, 'utf8'), results), results),
  );
  writeFileSync(paths.readme, withTrend(readFileSync(paths.readme, 'utf8'), results));
};
