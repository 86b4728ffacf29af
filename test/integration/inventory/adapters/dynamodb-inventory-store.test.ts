import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoInventoryStore } from '../../../../functions/inventory/adapters/dynamodb-inventory-store.js';
import { HOLD_SHARDS, InventoryTable } from '../../../../functions/inventory/adapters/inventory-table.js';
import { newStockItem, type Reservation } from '../../../../functions/inventory/domain/stock.js';
import { releaseInventory } from '../../../../functions/inventory/use-cases/release-inventory.js';
import { reserveInventory } from '../../../../functions/inventory/use-cases/reserve-inventory.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { inventoryStoreContract } from '../../../support/inventory/inventory-store-contract.js';

const freshStore = async () => {
  const db = dynamoDbLocalClient();
  return dynamoInventoryStore(db, await createTable(db, InventoryTable));
};

inventoryStoreContract('DynamoDB inventory store', freshStore);

describe('reservations under concurrency (DynamoDB Local)', () => {
  it('never oversells and never goes negative: 30 orders race for 5 units', async () => {
    const store = await freshStore();
    const deps = { store, clock: () => new Date(), lowStockThreshold: 2 };
    await store.createStockItem(newStockItem('LAST-5', new Date()));
    const item = await store.getStock('LAST-5');
    if (!item) throw new Error('no stock item');
    await store.setAvailable({ ...item, available: 5, version: 2 }, 1, []);

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
    expect(await store.getStock('LAST-5')).toMatchObject({ available: 0 });
    expect(await store.heldUnits('LAST-5')).toBe(5);

    await Promise.all(Array.from({ length: 30 }, (_, n) => releaseInventory(deps, { orderId: `race-${n}` })));
    expect(await store.getStock('LAST-5')).toMatchObject({ available: 5 });
    expect(await store.heldUnits('LAST-5')).toBe(0);
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
    await store.setAvailable({ ...item, available: 100, version: item.version + 1 }, item.version, []);
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
