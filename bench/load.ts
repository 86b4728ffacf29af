import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../local/aws-clients.js';
import type { LocalCloud } from '../local/cloud.js';
import { reconcile } from '../ops/reconcile/invariants.js';
import { readSnapshot } from '../ops/reconcile/snapshot.js';
import { percentile, round } from './stats.js';

const ADDRESS = {
  name: 'Bench',
  line1: '1 Load St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

export interface LoadOptions {
  readonly customers: number;
  /** Orders placed per second, whatever the answers' latency (an open loop, as real customers arrive). */
  readonly ratePerSecond: number;
  readonly durationMs: number;
  /** A first run at the same rate, not measured: the sandboxes are warm when measuring starts. */
  readonly warmUpMs: number;
  readonly skus: readonly string[];
  /** Lines per order, each of another sku (at most as many as there are skus). */
  readonly lines: number;
  /** How long to wait for the last sagas to end. */
  readonly settleMs: number;
}

/** Waits until nothing has been invoked for three seconds (the last notifications, commits, relays). */
const quiet = async (cloud: LocalCloud, maxMs = 60_000) => {
  const invocations = () =>
    Object.values(cloud.usage.snapshot().functions).reduce((total, fn) => total + fn.invocations, 0);
  const giveUpAt = Date.now() + maxMs;
  let last = invocations();
  let still = 0;
  while (still < 3 && Date.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = invocations();
    still = now === last ? still + 1 : 0;
    last = now;
  }
};

const json = async (response: Response) =>
  response.headers.get('content-type')?.includes('json') ? response.json() : undefined;

/** Signs up and logs in `count` customers; their access tokens. */
const customers = async (api: string, count: number): Promise<string[]> => {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    const email = `bench-${index}-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'correct horse battery';
    await fetch(`${api}/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, name: `Bench ${index}` }),
    });
    const login = (await json(
      await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      }),
    )) as { accessToken: string };
    tokens.push(login.accessToken);
  }
  return tokens;
};

/** The `n`th order's lines: `lines` skus in turn from the `n`th, one of each. */
export const orderLines = (skus: readonly string[], n: number, lines: number) =>
  Array.from({ length: Math.min(lines, skus.length) }, (_, line) => ({
    sku: skus[(n + line) % skus.length] ?? '',
    quantity: 1,
  }));

/** Orders (`tok_visa`) arriving at a steady rate, each from the next customer in turn. */
const placeOrders = async (
  api: string,
  tokens: readonly string[],
  { skus, lines }: Pick<LoadOptions, 'skus' | 'lines'>,
  ratePerSecond: number,
  durationMs: number,
) => {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const accepted: string[] = [];
  const total = Math.max(1, Math.round((durationMs / 1000) * ratePerSecond));
  const started = performance.now();
  const place = async (n: number) => {
    const before = performance.now();
    const response = await fetch(`${api}/orders`, {
      signal: AbortSignal.timeout(30_000),
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens[n % tokens.length] ?? ''}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        items: orderLines(skus, n, lines),
        shippingAddress: ADDRESS,
        paymentToken: 'tok_visa',
      }),
    }).catch(() => undefined);
    const body = response ? ((await json(response)) as { orderId?: string } | undefined) : undefined;
    latencies.push(performance.now() - before);
    // No answer at all (status 0) is an error, as a 5xx is.
    const status = response?.status ?? 0;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status === 202 && body?.orderId) accepted.push(body.orderId);
  };
  const placed: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const wait = started + (n * 1000) / ratePerSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    placed.push(place(n));
  }
  await Promise.all(placed);
  return { latencies, statuses, accepted, elapsedS: (performance.now() - started) / 1000 };
};

/**
 * A sustained load of orders from many customers on the local cloud, at a
 * steady rate (an open loop, as customers arrive whatever the latency).
 * A warm-up at the same rate first, so that the measured window sees warm
 * sandboxes, as a shop under steady traffic has. Then every accepted order
 * must end; the time from 202 to the saga's end is the order's
 * `updatedAt − createdAt` as the orders table records it. The usage meter
 * counts from the first measured order until the shop is quiet again, so the
 * cost per order holds everything the orders caused.
 */
export const loadRun = async (cloud: LocalCloud, options: LoadOptions) => {
  const api = cloud.apiUrl;
  const tokens = await customers(api, options.customers);
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: cloud.endpoints.dynamodbEndpoint,
      region: cloud.endpoints.region,
      credentials: localCredentials,
    }),
  );
  const tables = {
    orders: cloud.endpoints.tables.OrdersTable ?? '',
    inventory: cloud.endpoints.tables.InventoryTable ?? '',
    payments: cloud.endpoints.tables.PaymentsTable ?? '',
    shipping: cloud.endpoints.tables.ShippingTable ?? '',
  };
  /** Waits until none of `orderIds` is pending and what follows a confirmation has happened. */
  const settle = async (orderIds: readonly string[]) => {
    const wanted = new Set(orderIds);
    const settleBy = Date.now() + options.settleMs;
    let snapshot = await readSnapshot(db, tables);
    const ours = () => snapshot.orders.filter((order) => wanted.has(order.orderId));
    const settled = () =>
      !ours().some((order) => order.status === 'PENDING') && reconcile(snapshot).violations.length === 0;
    while (!settled() && Date.now() < settleBy) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      snapshot = await readSnapshot(db, tables);
    }
    await quiet(cloud);
    return {
      snapshot,
      orders: ours() as unknown as { status: string; createdAt: string; updatedAt: string }[],
    };
  };

  if (options.warmUpMs > 0) {
    const warmUp = await placeOrders(api, tokens, options, options.ratePerSecond, options.warmUpMs);
    await settle(warmUp.accepted);
  }
  cloud.usage.reset();
  const { latencies, statuses, accepted, elapsedS } = await placeOrders(
    api,
    tokens,
    options,
    options.ratePerSecond,
    options.durationMs,
  );
  const { snapshot, orders } = await settle(accepted);
  const usage = cloud.usage.snapshot();
  const sagaMs = orders
    .filter((order) => order.status !== 'PENDING')
    .map((order) => Date.parse(order.updatedAt) - Date.parse(order.createdAt));
  const serverErrors = [...statuses]
    .filter(([status]) => status >= 500 || status === 0)
    .reduce((sum, [, count]) => sum + count, 0);
  const unfinished =
    orders.filter((order) => order.status === 'PENDING').length + (accepted.length - orders.length);
  const invariants = reconcile(snapshot);
  return {
    load: {
      ordersPerSecond: round(accepted.length / elapsedS, 1),
      apiP50Ms: round(percentile(latencies, 50), 1),
      apiP99Ms: round(percentile(latencies, 99), 1),
      sagaP50Ms: round(percentile(sagaMs, 50), 0),
      sagaP99Ms: round(percentile(sagaMs, 99), 0),
      errors: serverErrors + unfinished,
      accepted: accepted.length,
      confirmed: orders.filter((order) => order.status === 'CONFIRMED').length,
      statuses: Object.fromEntries(statuses),
      durationS: round(elapsedS, 1),
      customers: options.customers,
      ratePerSecond: options.ratePerSecond,
      linesPerOrder: options.lines,
    },
    usage,
    invariantViolations: invariants.violations,
  };
};
