import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { dynamoShipmentStore } from '../../functions/shipping/adapters/dynamodb-shipment-store.js';
import { localCredentials } from '../../local/aws-clients.js';
import { type Reconciliation, reconcile } from '../../ops/reconcile/invariants.js';
import { readSnapshot } from '../../ops/reconcile/snapshot.js';
import { adminTokens, api, aws, eventually, inspect } from './local-cloud-client.js';
import { scaled } from './time-scale.js';

export const address = {
  name: 'Ada Lovelace',
  line1: '12 Analytical Row',
  city: 'London',
  postalCode: 'N1 9GU',
  country: 'GB',
};

export interface PlacedOrder {
  readonly orderId: string;
  readonly correlationId: string;
}

/** Places an order with a fresh Idempotency-Key and correlation id; expects the 202. */
export const placeOrder = async (
  token: string,
  items: readonly { sku: string; quantity: number }[],
  paymentToken = 'tok_visa',
  correlationId = `e2e-${randomUUID()}`,
): Promise<PlacedOrder> => {
  const response = await api('/orders', {
    method: 'POST',
    token,
    headers: { 'idempotency-key': randomUUID(), 'x-correlation-id': correlationId },
    body: { items, shippingAddress: address, paymentToken },
  });
  if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}: ${response.text}`);
  return { orderId: (response.body as { orderId: string }).orderId, correlationId };
};

export interface OrderBody {
  readonly orderId: string;
  readonly status: string;
  readonly cancellationReason?: string;
  readonly total: { amount: number };
}

/** The order once its saga is done with it (any status but PENDING). */
export const settledOrder = (token: string, orderId: string, timeoutMs = scaled(30_000)) =>
  eventually(async () => {
    const order = (await api(`/orders/${orderId}`, { token })).body as OrderBody;
    return order.status === 'PENDING' ? undefined : order;
  }, timeoutMs);

/**
 * What the order's saga went through, one line per failed, retried or caught
 * step, for a failure message: why an order did not end as a test expected.
 */
export const sagaStory = async (orderId: string): Promise<string> => {
  const executions = await inspect<{ executionArn: string; name: string; status: string }[]>('executions');
  const lines: string[] = [];
  for (const execution of executions.filter((candidate) => candidate.name.startsWith(orderId))) {
    const { events } = await aws<{ events: Record<string, unknown>[] }>(
      'AWSStepFunctions.GetExecutionHistory',
      { executionArn: execution.executionArn },
    );
    lines.push(`${execution.name} ${execution.status}`);
    for (const event of events) {
      const details = Object.entries(event).find(([key]) => key.endsWith('EventDetails'))?.[1];
      if (/Failed|Retried|Caught|StateEntered/.test(String(event.type)))
        lines.push(`  ${String(event.type)} ${JSON.stringify(details ?? {}).slice(0, 300)}`);
    }
  }
  return lines.join('\n') || `no execution named after ${orderId}`;
};

export const historyTypes = async (token: string, orderId: string) =>
  ((await api(`/orders/${orderId}/history`, { token })).body as { items: { type: string }[] }).items.map(
    (entry) => entry.type,
  );

/** The order's history once it holds every one of `types` (other services' events arrive asynchronously). */
export const historyWith = (
  token: string,
  orderId: string,
  types: readonly string[],
  timeoutMs = scaled(10_000),
) =>
  eventually(async () => {
    const seen = await historyTypes(token, orderId);
    return types.every((type) => seen.includes(type)) ? seen : undefined;
  }, timeoutMs);

/** A product of its own for a test, with `stock` units on sale. */
export const productWithStock = async (stock: number, price = 1250): Promise<string> => {
  const admin = (await adminTokens()).AccessToken;
  const sku = `E2E-${randomUUID().slice(0, 8).toUpperCase()}`;
  const created = await api('/products', {
    method: 'POST',
    token: admin,
    body: {
      sku,
      name: `Test ${sku}`,
      description: '',
      category: 'home',
      price: { amount: price, currency: 'USD' },
    },
  });
  if (created.status !== 201) throw new Error(`product not created: ${created.text}`);
  // Stock can be set at once: inventory makes the stock item if ProductCreated has not reached it yet.
  const stocked = await api(`/inventory/${sku}`, { method: 'PUT', token: admin, body: { available: stock } });
  if (stocked.status !== 200) throw new Error(`stock not set: ${stocked.text}`);
  return sku;
};

export const stockOf = async (sku: string) =>
  (await api(`/inventory/${sku}`, { token: (await adminTokens()).AccessToken })).body as {
    available: number;
    reserved: number;
    warehouses: { warehouseId: string; available: number; reserved: number }[];
  };

let documentClient: DynamoDBDocumentClient | undefined;

/** A client of the suite's DynamoDB Local, to look at a service's table as it is. */
export const tablesClient = () => {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamodbEndpoint'),
      region: 'us-east-1',
      credentials: localCredentials,
    }),
  );
  return documentClient;
};

/** The order's shipment as shipping keeps it (READY once shipping heard OrderConfirmed). */
export const shipmentOf = (orderId: string) =>
  dynamoShipmentStore(tablesClient(), inject('tables').ShippingTable ?? '').get(orderId);

/** `npm run reconcile`'s check, on the local cloud of the suite. */
export const reconcileShop = async (): Promise<Reconciliation> => {
  const tables = inject('tables');
  return reconcile(
    await readSnapshot(tablesClient(), {
      orders: tables.OrdersTable ?? '',
      inventory: tables.InventoryTable ?? '',
      payments: tables.PaymentsTable ?? '',
      shipping: tables.ShippingTable ?? '',
    }),
  );
};

/**
 * The shop's invariants, once every order in flight (this file's or another
 * test file's) has settled; the violations if they never all hold.
 */
export const reconciledShop = async (timeoutMs = scaled(45_000)): Promise<Reconciliation> => {
  let last: Reconciliation | undefined;
  try {
    return await eventually(async () => {
      last = await reconcileShop();
      return last.violations.length === 0 ? last : undefined;
    }, timeoutMs);
  } catch {
    return last ?? reconcileShop();
  }
};
