import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ReservationKind, StockKind } from '../../functions/inventory/adapters/inventory-table.js';
import { OrderKind } from '../../functions/orders/adapters/orders-table.js';
import {
  LedgerKind,
  PaymentCallKind,
  PaymentKind,
} from '../../functions/payments/adapters/payments-table.js';
import type { ItemKind } from '../../functions/shared/item-kind.js';
import { ShipmentKind } from '../../functions/shipping/adapters/shipping-table.js';
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

const of = (items: Item[], kind: ItemKind) => items.filter(kind.is);

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
      ? { shipments: of(shipping, ShipmentKind) as unknown as NonNullable<Snapshot['shipments']> }
      : {}),
    orders: of(orders, OrderKind) as unknown as Snapshot['orders'],
    stock: of(inventory, StockKind) as unknown as Snapshot['stock'],
    reservations: of(inventory, ReservationKind) as unknown as Snapshot['reservations'],
    payments: of(payments, PaymentKind) as unknown as Snapshot['payments'],
    provider: of(payments, LedgerKind) as unknown as Snapshot['provider'],
    ledger: payments.filter(PaymentCallKind.is) as unknown as NonNullable<Snapshot['ledger']>,
  };
};
