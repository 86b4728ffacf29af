import { describe, expect, it } from 'vitest';
import { dynamoInventoryStore } from '../../../../functions/inventory/adapters/dynamodb-inventory-store.js';
import { InventoryTable } from '../../../../functions/inventory/adapters/inventory-table.js';
import { newStockItem } from '../../../../functions/inventory/domain/stock.js';
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
    expect(await store.getStock('LAST-5')).toMatchObject({ available: 0, reserved: 5 });

    await Promise.all(Array.from({ length: 30 }, (_, n) => releaseInventory(deps, { orderId: `race-${n}` })));
    expect(await store.getStock('LAST-5')).toMatchObject({ available: 5, reserved: 0 });
  });
});
