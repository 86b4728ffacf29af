import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Snapshot } from './invariants.js';

/** The tables a reconciliation reads: the orders, inventory and payments services' own, and shipping's if named. */
export interface ShopTables {
  readonly orders: string;
  readonly inventory: string;
  readonly payments: string;
  readonly shipping?: string;
}

type Item = Record<string, unknown> & { pk: string; sk: string };

/** Every item of a table, strongly consistent, page after page. */
export const scanAll = async (db: DynamoDBDocumentClient, tableName: string): Promise<Item[]> => {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

const of = (items: Item[], prefix: string, sk: string) =>
  items.filter((item) => item.pk.startsWith(prefix) && item.sk === sk);

/**
 * Reads what the invariants need straight from the services' tables: an
 * operator's view across services, which no service itself may take.
 */
export const readSnapshot = async (db: DynamoDBDocumentClient, tables: ShopTables): Promise<Snapshot> => {
  const [orders, inventory, payments, shipping] = await Promise.all([
    scanAll(db, tables.orders),
    scanAll(db, tables.inventory),
    scanAll(db, tables.payments),
    tables.shipping ? scanAll(db, tables.shipping) : undefined,
  ]);
  return {
    ...(shipping
      ? { shipments: of(shipping, 'SHIPMENT#', 'SHIPMENT') as unknown as NonNullable<Snapshot['shipments']> }
      : {}),
    orders: of(orders, 'ORDER#', 'ORDER') as unknown as Snapshot['orders'],
    stock: of(inventory, 'STOCK#', 'STOCK') as unknown as Snapshot['stock'],
    reservations: of(inventory, 'RESERVATION#', 'RESERVATION') as unknown as Snapshot['reservations'],
    payments: of(payments, 'PAYMENT#', 'PAYMENT') as unknown as Snapshot['payments'],
    provider: of(payments, 'SIMULATOR#', 'LEDGER') as unknown as Snapshot['provider'],
  };
};
