import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../../local/aws-clients.js';
import { runningCloud } from '../../local/commands/running-cloud.js';
import { reconcile } from '../reconcile/invariants.js';
import { formatReconciliation } from '../reconcile/report.js';
import { readSnapshot, type ShopTables } from '../reconcile/snapshot.js';

/**
 * `npm run reconcile`: checks the shop's invariants — every accepted order
 * terminal, stock conserved and never negative, no orphan reservation, for
 * each order charged − refunded equal to its total if kept and 0 if
 * cancelled, at most one charge per order, no parcel shipped for a
 * cancelled order. Exits 1 on any violation.
 *
 * Against the running local cloud by default; against a deployed stack when
 * ORDERS_TABLE, INVENTORY_TABLE and PAYMENTS_TABLE name its tables, and
 * SHIPPING_TABLE if set (with the usual AWS credentials and region).
 */
const deployed = (): ShopTables | undefined => {
  const { ORDERS_TABLE, INVENTORY_TABLE, PAYMENTS_TABLE, SHIPPING_TABLE } = process.env;
  if (!ORDERS_TABLE && !INVENTORY_TABLE && !PAYMENTS_TABLE) return undefined;
  if (!ORDERS_TABLE || !INVENTORY_TABLE || !PAYMENTS_TABLE) {
    process.stderr.write('Set all of ORDERS_TABLE, INVENTORY_TABLE and PAYMENTS_TABLE, or none.\n');
    process.exit(2);
  }
  return {
    orders: ORDERS_TABLE,
    inventory: INVENTORY_TABLE,
    payments: PAYMENTS_TABLE,
    ...(SHIPPING_TABLE ? { shipping: SHIPPING_TABLE } : {}),
  };
};

const target = (): { client: DynamoDBClient; tables: ShopTables } => {
  const tables = deployed();
  if (tables) return { client: new DynamoDBClient({}), tables };
  const cloud = runningCloud();
  const table = (id: string) => cloud.tables[id] ?? '';
  return {
    client: new DynamoDBClient({
      endpoint: cloud.dynamodbEndpoint,
      region: cloud.region,
      credentials: localCredentials,
    }),
    tables: {
      orders: table('OrdersTable'),
      inventory: table('InventoryTable'),
      payments: table('PaymentsTable'),
      shipping: table('ShippingTable'),
    },
  };
};

const { client, tables } = target();
const result = reconcile(await readSnapshot(DynamoDBDocumentClient.from(client), tables));
process.stdout.write(formatReconciliation(result));
process.exit(result.violations.length > 0 ? 1 : 0);
