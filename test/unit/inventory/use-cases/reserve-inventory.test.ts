import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryCatalog } from '../../../../functions/catalog/adapters/in-memory-catalog-store.js';
import { newProduct } from '../../../../functions/catalog/domain/product.js';
import { updateStockStatus } from '../../../../functions/catalog/use-cases/update-stock-status.js';
import { InMemoryInventory } from '../../../../functions/inventory/adapters/in-memory-inventory-store.js';
import {
  OutOfStockError,
  ReservationNotHeldError,
  UnknownProductError,
} from '../../../../functions/inventory/domain/errors.js';
import { newStockItem } from '../../../../functions/inventory/domain/stock.js';
import { commitInventory } from '../../../../functions/inventory/use-cases/commit-inventory.js';
import { getStock } from '../../../../functions/inventory/use-cases/get-stock.js';
import type { SetStockDependencies } from '../../../../functions/inventory/use-cases/ports.js';
import { releaseExpiredHolds } from '../../../../functions/inventory/use-cases/release-expired-holds.js';
import { releaseInventory } from '../../../../functions/inventory/use-cases/release-inventory.js';
import { reserveInventory } from '../../../../functions/inventory/use-cases/reserve-inventory.js';
import { setStock } from '../../../../functions/inventory/use-cases/set-stock.js';
import { money } from '../../../../functions/shared/money.js';

let inventory: InMemoryInventory;
let now: Date;
let deps: SetStockDependencies;

beforeEach(async () => {
  inventory = new InMemoryInventory();
  now = new Date('2026-11-22T10:00:00.000Z');
  deps = {
    store: inventory.store,
    clock: () => now,
    lowStockThreshold: 3,
    catalog: { has: async () => true },
  };
  for (const [sku, available] of [
    ['A1', 10],
    ['B2', 4],
  ] as const) {
    await inventory.store.createStockItem(newStockItem(sku, now));
    await setStock(deps, sku, available);
  }
  inventory.outbox.length = 0;
});

const eventTypes = () => inventory.outbox.map((event) => event.detailType);

describe('reserveInventory', () => {
  it('holds every line, merging repeated skus, and publishes InventoryReserved', async () => {
    const result = await reserveInventory(deps, {
      orderId: 'o-1',
      lines: [
        { sku: 'B2', quantity: 1 },
        { sku: 'A1', quantity: 2 },
        { sku: 'A1', quantity: 1 },
      ],
    });
    expect(result.lines).toEqual([
      { sku: 'A1', quantity: 3 },
      { sku: 'B2', quantity: 1 },
    ]);
    expect(inventory.view('A1')).toMatchObject({ available: 7, reserved: 3 });
    expect(eventTypes()).toEqual(['InventoryReserved']);
  });

  it('reserves an order once however often it is asked', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'A1', quantity: 2 }] });
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'A1', quantity: 2 }] });
    expect(inventory.view('A1')).toMatchObject({ available: 8, reserved: 2 });
    expect(eventTypes()).toEqual(['InventoryReserved']);
  });

  it('refuses when a line does not fit, holds nothing, and answers the same the second time', async () => {
    const attempt = () =>
      reserveInventory(deps, {
        orderId: 'o-1',
        lines: [
          { sku: 'A1', quantity: 1 },
          { sku: 'B2', quantity: 5 },
        ],
      });
    await expect(attempt()).rejects.toThrow(OutOfStockError);
    await expect(attempt()).rejects.toThrow(OutOfStockError);
    expect(inventory.view('A1')).toMatchObject({ available: 10, reserved: 0 });
    expect(eventTypes()).toEqual(['InventoryReservationFailed']);
    expect(inventory.outbox[0]?.detail.data).toEqual({
      orderId: 'o-1',
      reason: 'OUT_OF_STOCK',
      skus: ['B2'],
    });
  });

  it('answers a retry with the stock the order holds, though no stock is left for it now', async () => {
    const first = await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 4 }] });
    expect(await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 4 }] })).toEqual(
      first,
    );
    expect(inventory.view('B2')).toMatchObject({ available: 0, reserved: 4 });
    expect(eventTypes()).toEqual(['InventoryReserved', 'StockLow', 'StockAvailabilityChanged']);
  });

  it('refuses a retry of a refused order as before, though the stock came back', async () => {
    const attempt = () => reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 5 }] });
    await expect(attempt()).rejects.toThrow(OutOfStockError);
    await setStock(deps, 'B2', 10);
    await expect(attempt()).rejects.toThrow(OutOfStockError);
    expect(inventory.view('B2')).toMatchObject({ available: 10, reserved: 0 });
    expect(eventTypes().filter((type) => type.startsWith('Inventory'))).toEqual([
      'InventoryReservationFailed',
    ]);
  });

  it('refuses an order whose reservation was released, instead of going on with stock nobody holds', async () => {
    const lines = [{ sku: 'A1', quantity: 2 }];
    await reserveInventory(deps, { orderId: 'o-1', lines });
    now = new Date('2026-11-22T10:30:00.000Z');
    expect(await releaseExpiredHolds(deps)).toBe(1);
    // The saga run again for the order (a stuck saga started anew) is refused, and holds nothing.
    await expect(reserveInventory(deps, { orderId: 'o-1', lines })).rejects.toThrow(OutOfStockError);
    expect(inventory.view('A1')).toMatchObject({ available: 10, reserved: 0 });
  });

  it('refuses a sku inventory does not know as an unknown product', async () => {
    await expect(
      reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'GONE', quantity: 1 }] }),
    ).rejects.toThrow(UnknownProductError);
  });

  it('publishes StockLow when a reservation takes available stock below the threshold', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 2 }] });
    expect(eventTypes()).toEqual(['InventoryReserved', 'StockLow']);
    expect(inventory.outbox[1]?.detail.data).toEqual({ sku: 'B2', available: 2, threshold: 3 });
  });
});

describe('releaseInventory and commitInventory', () => {
  it('releases a held reservation once: stock available again, InventoryReleased', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'A1', quantity: 4 }] });
    expect(await releaseInventory(deps, { orderId: 'o-1' })).toBe('RELEASED');
    expect(await releaseInventory(deps, { orderId: 'o-1' })).toBe('NOTHING_TO_RELEASE');
    expect(inventory.view('A1')).toMatchObject({ available: 10, reserved: 0 });
    expect(eventTypes()).toEqual(['InventoryReserved', 'InventoryReleased']);
  });

  it('stamps InventoryReleased, and the sku back in stock, with the use case’s clock', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 4 }] });
    now = new Date('2026-11-22T10:05:00.000Z');
    inventory.outbox.length = 0;
    await releaseInventory(deps, { orderId: 'o-1' });
    expect(inventory.outbox.map((event) => [event.detailType, event.detail.metadata.occurredAt])).toEqual([
      ['InventoryReleased', '2026-11-22T10:05:00.000Z'],
      ['StockAvailabilityChanged', '2026-11-22T10:05:00.000Z'],
    ]);
  });

  it('releases nothing for an order it never reserved or refused', async () => {
    expect(await releaseInventory(deps, { orderId: 'never' })).toBe('NOTHING_TO_RELEASE');
    await expect(
      reserveInventory(deps, { orderId: 'o-2', lines: [{ sku: 'B2', quantity: 9 }] }),
    ).rejects.toThrow();
    expect(await releaseInventory(deps, { orderId: 'o-2' })).toBe('NOTHING_TO_RELEASE');
    expect(inventory.view('B2')).toMatchObject({ available: 4, reserved: 0 });
  });

  it('commits a held reservation once: the units are sold', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'A1', quantity: 4 }] });
    await commitInventory(deps, { orderId: 'o-1' });
    await commitInventory(deps, { orderId: 'o-1' });
    expect(inventory.view('A1')).toMatchObject({ available: 6, reserved: 0 });
  });

  it('puts sold units back when a confirmed order is cancelled', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'A1', quantity: 4 }] });
    await commitInventory(deps, { orderId: 'o-1' });
    await releaseInventory(deps, { orderId: 'o-1' });
    expect(inventory.view('A1')).toMatchObject({ available: 10, reserved: 0 });
    expect(inventory.outbox.at(-1)?.detail.data).toMatchObject({ reason: 'CANCELLED_AFTER_SALE' });
  });

  it('refuses to sell units whose hold ran out and went to another order, so the saga compensates', async () => {
    await setStock(deps, 'A1', 4);
    await reserveInventory(deps, { orderId: 'late', lines: [{ sku: 'A1', quantity: 4 }] });
    now = new Date('2026-11-22T10:20:00.000Z');
    await releaseExpiredHolds(deps);
    await reserveInventory(deps, { orderId: 'other', lines: [{ sku: 'A1', quantity: 4 }] });
    await expect(commitInventory(deps, { orderId: 'late' })).rejects.toThrow(ReservationNotHeldError);
    await commitInventory(deps, { orderId: 'other' });
    expect(inventory.view('A1')).toMatchObject({ available: 0, reserved: 0 });
    expect(inventory.reservations.get('late')?.status).toBe('RELEASED');
  });

  it('gives an order’s stock back once and for all when it is released before it was reserved: a late reservation is refused', async () => {
    expect(await releaseInventory(deps, { orderId: 'given-up' })).toBe('NOTHING_TO_RELEASE');
    await expect(
      reserveInventory(deps, { orderId: 'given-up', lines: [{ sku: 'A1', quantity: 2 }] }),
    ).rejects.toThrow(OutOfStockError);
    expect(inventory.view('A1')).toMatchObject({ available: 10, reserved: 0 });
    expect(await releaseInventory(deps, { orderId: 'given-up' })).toBe('NOTHING_TO_RELEASE');
  });

  it('refuses to commit a reservation that is not held', async () => {
    await expect(commitInventory(deps, { orderId: 'never' })).rejects.toThrow(ReservationNotHeldError);
  });
});

describe('releaseExpiredHolds', () => {
  it('releases the holds that ran out and leaves the others', async () => {
    await reserveInventory(deps, { orderId: 'old', lines: [{ sku: 'A1', quantity: 1 }] });
    now = new Date('2026-11-22T10:10:00.000Z');
    await reserveInventory(deps, { orderId: 'new', lines: [{ sku: 'A1', quantity: 1 }] });
    now = new Date('2026-11-22T10:20:00.000Z');
    expect(await releaseExpiredHolds(deps)).toBe(1);
    expect(inventory.reservations.get('old')?.status).toBe('RELEASED');
    expect(inventory.reservations.get('new')?.status).toBe('HELD');
    expect(inventory.outbox.at(-1)?.detail.data).toMatchObject({ orderId: 'old', reason: 'EXPIRED' });
  });
});

describe('availability as the catalog hears it', () => {
  /** The catalog's product B2, told each StockAvailabilityChanged in `order`, as its consumer is. */
  const catalogSees = async (order: 'as published' | 'reversed') => {
    const catalog = new InMemoryCatalog();
    await catalog.categoryStore.create({ id: 'c', name: 'C', createdAt: now.toISOString() });
    const product = newProduct('B2', { name: 'B', description: 'B', category: 'c', price: money(100) }, now);
    await catalog.productStore.create({ ...product, inStock: true, stockVersion: stockVersionBefore }, []);
    const changes = inventory.outbox.filter((event) => event.detailType === 'StockAvailabilityChanged');
    for (const event of order === 'reversed' ? changes.reverse() : changes)
      await updateStockStatus({ products: catalog.productStore }, event.detail.data as never);
    return (await catalog.productStore.get('B2'))?.inStock;
  };
  let stockVersionBefore: number;
  beforeEach(() => {
    stockVersionBefore = inventory.stock.get('B2')?.version ?? 0;
  });

  it('hears that a sku sold out when two orders, each reading the other’s units as left, take the last of it together', async () => {
    await Promise.all([
      reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 2 }] }),
      reserveInventory(deps, { orderId: 'o-2', lines: [{ sku: 'B2', quantity: 2 }] }),
    ]);
    expect(inventory.view('B2')?.available).toBe(0);
    expect(await catalogSees('as published')).toBe(false);
    expect(await catalogSees('reversed')).toBe(false);
  });

  it('hears that a sku is back when a release lands beside the reservation that sold it out', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 2 }] });
    // Both read two units available before either writes.
    await Promise.all([
      releaseInventory(deps, { orderId: 'o-1' }),
      reserveInventory(deps, { orderId: 'o-2', lines: [{ sku: 'B2', quantity: 2 }] }),
    ]);
    expect(inventory.view('B2')?.available).toBe(2);
    expect(await catalogSees('as published')).toBe(true);
    expect(await catalogSees('reversed')).toBe(true);
  });
});

describe('the hold sweep racing a commit', () => {
  it('gives back only a hold, never the units a commit sold meanwhile (found by the simulator)', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'A1', quantity: 4 }] });
    now = new Date('2026-11-22T10:20:00.000Z');
    // The sweep lists the hold as run out; the saga's commit lands before the sweep releases it.
    await Promise.all([releaseExpiredHolds(deps), commitInventory(deps, { orderId: 'o-1' })]);
    expect(inventory.reservations.get('o-1')?.status).toBe('COMMITTED');
    expect(inventory.view('A1')).toMatchObject({ available: 6, reserved: 0 });
  });
});

describe('getStock', () => {
  it('shows as reserved the units held for orders not yet confirmed, and not those sold or given back', async () => {
    await reserveInventory(deps, { orderId: 'held', lines: [{ sku: 'A1', quantity: 2 }] });
    await reserveInventory(deps, { orderId: 'sold', lines: [{ sku: 'A1', quantity: 3 }] });
    await reserveInventory(deps, { orderId: 'given-back', lines: [{ sku: 'A1', quantity: 1 }] });
    await commitInventory(deps, { orderId: 'sold' });
    await releaseInventory(deps, { orderId: 'given-back' });
    expect(await getStock(deps, 'A1')).toEqual({
      sku: 'A1',
      available: 5,
      reserved: 2,
      warehouses: [{ warehouseId: 'main', available: 5, reserved: 2 }],
    });
  });
});

describe('setStock', () => {
  it('publishes StockLow when an admin sets stock below the threshold', async () => {
    await setStock(deps, 'A1', 1);
    expect(eventTypes()).toEqual(['StockLow']);
  });
});

describe('StockAvailabilityChanged', () => {
  const availability = () =>
    inventory.outbox
      .filter((event) => event.detailType === 'StockAvailabilityChanged')
      .map((event) => event.detail.data);

  it('says a sku is out of stock when a reservation takes its last units, and back when they are released', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'B2', quantity: 4 }] });
    expect(availability()).toEqual([
      { sku: 'B2', inStock: false, available: 0, stockVersion: expect.any(Number) },
    ]);
    await releaseInventory(deps, { orderId: 'o-1' });
    expect(availability()).toEqual([
      expect.objectContaining({ inStock: false }),
      { sku: 'B2', inStock: true, available: 4, stockVersion: expect.any(Number) },
    ]);
    const [soldOut, back] = availability() as { stockVersion: number }[];
    expect(back?.stockVersion).toBeGreaterThan(soldOut?.stockVersion ?? Number.POSITIVE_INFINITY);
  });

  it('says nothing while a sku stays in stock', async () => {
    await reserveInventory(deps, { orderId: 'o-1', lines: [{ sku: 'A1', quantity: 1 }] });
    await setStock(deps, 'A1', 20);
    expect(availability()).toEqual([]);
  });

  it('follows an admin setting stock to zero and back', async () => {
    await setStock(deps, 'A1', 0);
    await setStock(deps, 'A1', 3);
    expect(availability().map((data) => (data as { inStock: boolean }).inStock)).toEqual([false, true]);
  });
});
