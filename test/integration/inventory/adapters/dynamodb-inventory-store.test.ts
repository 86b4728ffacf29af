import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoInventoryStore } from '../../../../functions/inventory/adapters/dynamodb-inventory-store.js';
import {
  HOLD_SHARDS,
  InventoryTable,
  StockKind,
} from '../../../../functions/inventory/adapters/inventory-table.js';
import { MAIN_WAREHOUSE } from '../../../../functions/inventory/contracts/warehouses.js';
import {
  newStockItem,
  type Reservation,
  withWarehouseStock,
} from '../../../../functions/inventory/domain/stock.js';
import { releaseInventory } from '../../../../functions/inventory/use-cases/release-inventory.js';
import { reserveInventory } from '../../../../functions/inventory/use-cases/reserve-inventory.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { inventoryStoreContract } from '../../../support/inventory/inventory-store-contract.js';

const freshStore = async () => {
  const db = dynamoDbLocalClient();
  return dynamoInventoryStore(db, await createTable(db, InventoryTable));
};

inventoryStoreContract('DynamoDB inventory store', freshStore);

/** A stock item with the given units in each warehouse. */
const stockedIn = async (
  store: Awaited<ReturnType<typeof freshStore>>,
  sku: string,
  units: Record<string, number>,
) => {
  await store.createStockItem(newStockItem(sku, new Date()));
  for (const [warehouseId, available] of Object.entries(units)) {
    const item = await store.getStock(sku);
    if (!item) throw new Error('no stock item');
    await store.setAvailable(withWarehouseStock(item, warehouseId, available, new Date()), item.version, []);
  }
};

describe('reservations under concurrency (DynamoDB Local)', () => {
  it.each([
    ['in one warehouse', { [MAIN_WAREHOUSE]: 5 }],
    ['split over two warehouses', { [MAIN_WAREHOUSE]: 3, east: 2 }],
  ])('never oversells and never goes negative: 30 orders race for 5 units %s', async (_, units) => {
    const store = await freshStore();
    const deps = { store, clock: () => new Date(), lowStockThreshold: 2 };
    await stockedIn(store, 'LAST-5', units);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, n) =>
        reserveInventory(deps, { orderId: `race-${n}`, lines: [{ sku: 'LAST-5', quantity: 1 }] }),
      ),
    );
    const reserved = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    const refused = outcomes.filter(
      (outcome) =>
        outcome.status === 'rejected' &&
        outcome.reason instanceof Error &&
        outcome.reason.name === 'OutOfStockError',
    );
    expect({ reserved, refused: refused.length }).toEqual({ reserved: 5, refused: 25 });
    const sold = await store.getStock('LAST-5');
    expect(sold?.available).toBe(0);
    expect(Object.values(sold?.warehouses ?? {}).map((warehouse) => warehouse.available)).toEqual(
      Object.keys(units).map(() => 0),
    );
    expect(await store.heldUnits('LAST-5')).toEqual(units);

    await Promise.all(Array.from({ length: 30 }, (_, n) => releaseInventory(deps, { orderId: `race-${n}` })));
    const back = await store.getStock('LAST-5');
    expect(back?.available).toBe(5);
    expect(
      Object.fromEntries(
        Object.entries(back?.warehouses ?? {}).map(([id, warehouse]) => [id, warehouse.available]),
      ),
    ).toEqual(units);
    expect(await store.heldUnits('LAST-5')).toEqual({});
  });

  it('holds an order only two warehouses together can supply from both, and gives each its units back', async () => {
    const store = await freshStore();
    const deps = { store, clock: () => new Date(), lowStockThreshold: 0 };
    await stockedIn(store, 'A1', { [MAIN_WAREHOUSE]: 2, east: 1 });
    await stockedIn(store, 'B2', { east: 4 });
    const { allocations } = await reserveInventory(deps, {
      orderId: 'both',
      lines: [
        { sku: 'A1', quantity: 3 },
        { sku: 'B2', quantity: 1 },
      ],
    });
    expect(allocations).toEqual([
      { sku: 'A1', warehouseId: MAIN_WAREHOUSE, quantity: 2 },
      { sku: 'A1', warehouseId: 'east', quantity: 1 },
      { sku: 'B2', warehouseId: 'east', quantity: 1 },
    ]);
    expect((await store.getStock('A1'))?.warehouses).toEqual({
      [MAIN_WAREHOUSE]: { available: 0, received: 2 },
      east: { available: 0, received: 1 },
    });
    await releaseInventory(deps, { orderId: 'both' });
    expect((await store.getStock('A1'))?.warehouses).toEqual({
      [MAIN_WAREHOUSE]: { available: 2, received: 2 },
      east: { available: 1, received: 1 },
    });
    expect((await store.getStock('B2'))?.warehouses.east).toEqual({ available: 4, received: 4 });
  });

  it('gives a stock item written before warehouses its main warehouse on first read', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, InventoryTable);
    const store = dynamoInventoryStore(db, tableName);
    const { warehouses: _none, ...legacy } = newStockItem('OLD-1', new Date());
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...StockKind.key('OLD-1'), ...legacy, available: 4, received: 6 },
      }),
    );
    expect((await store.getStock('OLD-1'))?.warehouses).toEqual({
      [MAIN_WAREHOUSE]: { available: 4, received: 6 },
    });
    const deps = { store, clock: () => new Date(), lowStockThreshold: 0 };
    await reserveInventory(deps, { orderId: 'o-old', lines: [{ sku: 'OLD-1', quantity: 3 }] });
    expect(await store.getStock('OLD-1')).toMatchObject({
      available: 1,
      warehouses: { [MAIN_WAREHOUSE]: { available: 1, received: 6 } },
    });
  });
});

describe('the hold index', () => {
  it('spreads the holds over its shards, and the sweep still finds the oldest expired ones of all', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, InventoryTable);
    const store = dynamoInventoryStore(db, tableName);
    await store.createStockItem(newStockItem('A1', new Date('2026-11-22T09:00:00.000Z')));
    const item = await store.getStock('A1');
    if (!item) throw new Error('no stock item');
    await store.setAvailable(withWarehouseStock(item, MAIN_WAREHOUSE, 100, new Date()), item.version, []);
    const hold = (n: number): Reservation => ({
      orderId: `order-${n}`,
      lines: [{ sku: 'A1', quantity: 1 }],
      status: 'HELD',
      createdAt: '2026-11-22T09:00:00.000Z',
      holdExpiresAt: `2026-11-22T10:${String(n).padStart(2, '0')}:00.000Z`,
    });
    for (let n = 0; n < 40; n++) await store.reserve(hold(n), []);

    const { Items = [] } = await db.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
    const partitions = new Set(
      Items.flatMap((stored) => (stored.holdPartition ? [stored.holdPartition] : [])),
    );
    expect(partitions.size).toBeGreaterThan(HOLD_SHARDS / 2);

    const now = new Date('2026-11-22T10:30:00.000Z');
    const oldest = await store.expiredHolds(now, 10);
    expect(oldest.map((reservation) => reservation.orderId)).toEqual(
      Array.from({ length: 10 }, (_, n) => `order-${n}`),
    );
    expect((await store.expiredHolds(now, 100)).map((reservation) => reservation.orderId)).toEqual(
      Array.from({ length: 30 }, (_, n) => `order-${n}`),
    );
  });
});
