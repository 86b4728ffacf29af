import { describe, expect, it } from 'vitest';
import { InventoryReserved } from '../../../functions/inventory/contracts/events.js';
import { MAIN_WAREHOUSE } from '../../../functions/inventory/contracts/warehouses.js';
import {
  OutOfStockError,
  StockChangedConcurrentlyError,
} from '../../../functions/inventory/domain/errors.js';
import {
  newStockItem,
  type Reservation,
  withWarehouseStock,
} from '../../../functions/inventory/domain/stock.js';
import type { InventoryStore } from '../../../functions/inventory/use-cases/ports.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

const stocked = async (store: InventoryStore, sku: string, available: number) => {
  await store.createStockItem(newStockItem(sku, NOW));
  const item = await store.getStock(sku);
  if (!item) throw new Error('no item');
  await store.setAvailable(withWarehouseStock(item, MAIN_WAREHOUSE, available, NOW), item.version, []);
};

const held = (
  orderId: string,
  lines: Reservation['lines'],
  holdExpiresAt = '2026-11-22T10:15:00.000Z',
): Reservation => ({
  orderId,
  lines,
  status: 'HELD',
  createdAt: NOW.toISOString(),
  holdExpiresAt,
});

/** What every inventory store promises; the in-memory twin and the DynamoDB adapter both run it. */
export const inventoryStoreContract = (name: string, fresh: () => Promise<InventoryStore>) => {
  describe(name, () => {
    it('creates a stock item once', async () => {
      const store = await fresh();
      expect(await store.createStockItem(newStockItem('A1', NOW))).toBe(true);
      expect(await store.createStockItem(newStockItem('A1', NOW))).toBe(false);
      expect(await store.getStock('A1')).toMatchObject({ sku: 'A1', available: 0, version: 1 });
    });

    it('sets the available units only from the version it read', async () => {
      const store = await fresh();
      await stocked(store, 'A1', 5);
      const item = await store.getStock('A1');
      await expect(
        store.setAvailable({ ...(item ?? newStockItem('A1', NOW)), available: 9 }, 1, []),
      ).rejects.toThrow(StockChangedConcurrentlyError);
      expect((await store.getStock('A1'))?.available).toBe(5);
    });

    it('reserves every line or none', async () => {
      const store = await fresh();
      await stocked(store, 'A1', 5);
      await stocked(store, 'B2', 1);
      await expect(
        store.reserve(
          held('o-1', [
            { sku: 'A1', quantity: 2 },
            { sku: 'B2', quantity: 2 },
          ]),
          [],
        ),
      ).rejects.toThrow(OutOfStockError);
      expect(await store.getStocks(['A1', 'B2'])).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ sku: 'A1', available: 5 }),
          expect.objectContaining({ sku: 'B2', available: 1 }),
        ]),
      );
      expect(await store.heldUnits('A1')).toEqual({});
      expect(await store.getReservation('o-1')).toBeUndefined();
      expect(
        await store.reserve(
          held('o-2', [
            { sku: 'A1', quantity: 2 },
            { sku: 'B2', quantity: 1 },
          ]),
          [],
        ),
      ).toBe('RESERVED');
      expect(await store.getStock('A1')).toMatchObject({ available: 3 });
      expect(await store.getStock('B2')).toMatchObject({ available: 0 });
      expect([await store.heldUnits('A1'), await store.heldUnits('B2')]).toEqual([{ main: 2 }, { main: 1 }]);
    });

    it('holds a change to the stock it was decided on: the same side of zero, and exactly as read where it crosses zero', async () => {
      const store = await fresh();
      await stocked(store, 'A1', 4);
      const asRead = new Map((await store.getStocks(['A1'])).map((item) => [item.sku, item] as const));
      // Another order takes two units after the read: two would no longer leave any.
      await store.reserve(held('o-1', [{ sku: 'A1', quantity: 2 }]), [], asRead);
      await expect(store.reserve(held('o-2', [{ sku: 'A1', quantity: 2 }]), [], asRead)).rejects.toThrow(
        StockChangedConcurrentlyError,
      );
      await expect(store.reserve(held('o-3', [{ sku: 'A1', quantity: 3 }]), [], asRead)).rejects.toThrow(
        OutOfStockError,
      );
      const fresher = new Map((await store.getStocks(['A1'])).map((item) => [item.sku, item] as const));
      const last = held('o-2', [{ sku: 'A1', quantity: 2 }]);
      expect(await store.reserve(last, [], fresher)).toBe('RESERVED');
      // Sold out at the version after `fresher`; a release decided on an older read is refused.
      await expect(store.release(last, 'HELD', [], asRead)).rejects.toThrow(StockChangedConcurrentlyError);
      const soldOut = new Map((await store.getStocks(['A1'])).map((item) => [item.sku, item] as const));
      expect(await store.release(last, 'HELD', [], soldOut)).toBe(true);
      expect(await store.getStock('A1')).toMatchObject({ available: 2 });
      expect(await store.getReservation('o-3')).toBeUndefined();
    });

    it('reserves an order once, and gives back the reservation alone, not the events it caused', async () => {
      const store = await fresh();
      await stocked(store, 'A1', 5);
      const reservation = held('o-1', [{ sku: 'A1', quantity: 2 }]);
      const reserved = InventoryReserved.create({ orderId: 'o-1', lines: [{ sku: 'A1', quantity: 2 }] });
      expect(await store.reserve(reservation, [reserved])).toBe('RESERVED');
      expect(await store.reserve(held('o-1', [{ sku: 'A1', quantity: 2 }]), [])).toBe('ALREADY_RECORDED');
      expect(await store.getStock('A1')).toMatchObject({ available: 3 });
      expect(await store.heldUnits('A1')).toEqual({ main: 2 });
      expect(await store.getReservation('o-1')).toEqual(reservation);
    });

    it('commits a held reservation once, selling its units without giving them back', async () => {
      const store = await fresh();
      await stocked(store, 'A1', 5);
      const reservation = held('o-1', [{ sku: 'A1', quantity: 2 }]);
      await store.reserve(reservation, []);
      expect(await store.commit('o-1')).toMatchObject({ orderId: 'o-1', status: 'COMMITTED' });
      expect(await store.commit('o-1')).toBeUndefined();
      expect(await store.release(reservation, 'HELD', [])).toBe(false);
      expect(await store.getStock('A1')).toMatchObject({ available: 3 });
      expect(await store.heldUnits('A1')).toEqual({});
      expect(await store.getReservation('o-1')).toMatchObject({ status: 'COMMITTED' });
      expect((await store.getReservation('o-1'))?.holdExpiresAt).toBeUndefined();
    });

    it('commits nothing for an order it holds nothing for', async () => {
      const store = await fresh();
      expect(await store.commit('o-1')).toBeUndefined();
      expect(await store.getReservation('o-1')).toBeUndefined();
    });

    it('releases a held or a committed reservation once, giving its units back', async () => {
      const store = await fresh();
      await stocked(store, 'A1', 5);
      const first = held('o-1', [{ sku: 'A1', quantity: 2 }]);
      const second = held('o-2', [{ sku: 'A1', quantity: 1 }]);
      await store.reserve(first, []);
      await store.reserve(second, []);
      await store.commit('o-2');
      expect(await store.release(first, 'HELD', [])).toBe(true);
      expect(await store.release(first, 'HELD', [])).toBe(false);
      expect(await store.release(second, 'COMMITTED', [])).toBe(true);
      expect(await store.getStock('A1')).toMatchObject({ available: 5 });
      expect(await store.heldUnits('A1')).toEqual({});
      expect(await store.getReservation('o-1')).toMatchObject({ status: 'RELEASED' });
      expect(await store.getReservation('o-2')).toMatchObject({ status: 'RELEASED' });
    });

    it('records a refusal once and keeps its reason', async () => {
      const store = await fresh();
      const failed: Reservation = {
        ...held('o-1', [{ sku: 'A1', quantity: 1 }]),
        status: 'FAILED',
        failure: { reason: 'OUT_OF_STOCK', skus: ['A1'] },
      };
      expect(await store.recordUnheld(failed, [])).toBe(true);
      expect(
        await store.recordUnheld({ ...failed, failure: { reason: 'UNKNOWN_PRODUCT', skus: ['A1'] } }, []),
      ).toBe(false);
      expect(await store.getReservation('o-1')).toMatchObject({
        status: 'FAILED',
        failure: { reason: 'OUT_OF_STOCK' },
      });
    });

    it('lists the held reservations whose hold has ended, oldest first', async () => {
      const store = await fresh();
      await stocked(store, 'A1', 10);
      await store.reserve(held('late', [{ sku: 'A1', quantity: 1 }], '2026-11-22T10:20:00.000Z'), []);
      await store.reserve(held('early', [{ sku: 'A1', quantity: 1 }], '2026-11-22T10:05:00.000Z'), []);
      await store.reserve(held('future', [{ sku: 'A1', quantity: 1 }], '2026-11-22T11:00:00.000Z'), []);
      const committed = held('sold', [{ sku: 'A1', quantity: 1 }], '2026-11-22T10:01:00.000Z');
      await store.reserve(committed, []);
      await store.commit(committed.orderId);
      const expired = await store.expiredHolds(new Date('2026-11-22T10:30:00.000Z'), 10);
      expect(expired.map((reservation) => reservation.orderId)).toEqual(['early', 'late']);
    });
  });
};
