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
  readonly concurrency: number;
  readonly durationMs: number;
  readonly skus: readonly string[];
  /** How long to wait for the last sagas to end. */
  readonly settleMs: number;
}

const json = async (response: Response) =>
  response.headers.get('content-type')?.includes('json') ? response.json() : undefined;

/**
 * A sustained load of orders from many customers on the local cloud: each
 * worker places orders (one line, `tok_visa`) back to back for the duration.
 * Then every accepted order must end; the time from 202 to the saga's end
 * is the order's `updatedAt − createdAt` as the orders table records it.
 */
export const loadRun = async (cloud: LocalCloud, options: LoadOptions) => {
  const api = cloud.apiUrl;
  const tokens: string[] = [];
  for (let index = 0; index < options.customers; index++) {
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

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const accepted: string[] = [];
  const deadline = Date.now() + options.durationMs;
  const started = performance.now();
  let sequence = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const n = sequence++;
      const token = tokens[n % tokens.length] ?? '';
      const sku = options.skus[n % options.skus.length] ?? '';
      const before = performance.now();
      const response = await fetch(`${api}/orders`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          items: [{ sku, quantity: 1 }],
          shippingAddress: ADDRESS,
          paymentToken: 'tok_visa',
        }),
      });
      const body = (await json(response)) as { orderId?: string } | undefined;
      latencies.push(performance.now() - before);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 202 && body?.orderId) accepted.push(body.orderId);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedS = (performance.now() - started) / 1000;

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
  };
  const acceptedSet = new Set(accepted);
  const settleBy = Date.now() + options.settleMs;
  let snapshot = await readSnapshot(db, tables);
  const ours = () => snapshot.orders.filter((order) => acceptedSet.has(order.orderId));
  // Settled: no order pending, and what follows a confirmation (stock committed) has happened.
  const settled = () =>
    !ours().some((order) => order.status === 'PENDING') && reconcile(snapshot).violations.length === 0;
  while (!settled() && Date.now() < settleBy) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    snapshot = await readSnapshot(db, tables);
  }
  const orders = ours() as unknown as { status: string; createdAt: string; updatedAt: string }[];
  const sagaMs = orders
    .filter((order) => order.status !== 'PENDING')
    .map((order) => Date.parse(order.updatedAt) - Date.parse(order.createdAt));
  const serverErrors = [...statuses]
    .filter(([status]) => status >= 500)
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
      concurrency: options.concurrency,
    },
    invariantViolations: invariants.violations,
  };
};
