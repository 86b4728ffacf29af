import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAIN_WAREHOUSE } from '../../../../functions/inventory/contracts/warehouses.js';
import {
  allocate,
  newStockItem,
  type StockItem,
  withWarehouseStock,
} from '../../../../functions/inventory/domain/stock.js';

const NOW = new Date('2026-11-22T10:00:00.000Z');

const stockOf = (units: Record<string, Record<string, number>>): Map<string, StockItem> =>
  new Map(
    Object.entries(units).map(([sku, warehouses]) => [
      sku,
      Object.entries(warehouses).reduce(
        (item, [warehouseId, available]) => withWarehouseStock(item, warehouseId, available, NOW),
        newStockItem(sku, NOW),
      ),
    ]),
  );

describe('allocate', () => {
  it('takes the whole order from one warehouse when one can supply it, main first', () => {
    const stock = stockOf({ A1: { main: 5, east: 5 }, B2: { main: 1, east: 5 } });
    expect(
      allocate(stock, [
        { sku: 'A1', quantity: 2 },
        { sku: 'B2', quantity: 1 },
      ]),
    ).toEqual([
      { sku: 'A1', warehouseId: MAIN_WAREHOUSE, quantity: 2 },
      { sku: 'B2', warehouseId: MAIN_WAREHOUSE, quantity: 1 },
    ]);
    expect(
      allocate(stock, [
        { sku: 'A1', quantity: 2 },
        { sku: 'B2', quantity: 2 },
      ]),
    ).toEqual([
      { sku: 'A1', warehouseId: 'east', quantity: 2 },
      { sku: 'B2', warehouseId: 'east', quantity: 2 },
    ]);
  });

  it('keeps each line whole where it can, in warehouses already chosen first, and splits a line only when it must', () => {
    const stock = stockOf({ A1: { main: 3 }, B2: { east: 2, west: 9 }, C3: { main: 1, east: 1 } });
    expect(
      allocate(stock, [
        { sku: 'A1', quantity: 3 },
        { sku: 'B2', quantity: 2 },
        { sku: 'C3', quantity: 2 },
      ]),
    ).toEqual([
      { sku: 'A1', warehouseId: 'main', quantity: 3 },
      { sku: 'B2', warehouseId: 'east', quantity: 2 },
      { sku: 'C3', warehouseId: 'main', quantity: 1 },
      { sku: 'C3', warehouseId: 'east', quantity: 1 },
    ]);
  });

  it('allocates exactly each line, never more than a warehouse holds, whenever the totals cover the order', () => {
    const warehouses = ['main', 'east', 'west'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.nat(6)), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 4, maxLength: 4 }),
        (perSku, quantities) => {
          const units = Object.fromEntries(
            perSku.map((counts, index) => [
              `S${index}`,
              Object.fromEntries(warehouses.map((id, w) => [id, counts[w] ?? 0])),
            ]),
          );
          const stock = stockOf(units);
          const lines = perSku.map((_, index) => ({ sku: `S${index}`, quantity: quantities[index] ?? 1 }));
          const covered = lines.every((line) => (stock.get(line.sku)?.available ?? 0) >= line.quantity);
          const allocations = allocate(stock, lines);
          if (!covered) return allocations === undefined;
          if (!allocations) return false;
          return lines.every((line) => {
            const mine = allocations.filter((allocation) => allocation.sku === line.sku);
            const total = mine.reduce((sum, allocation) => sum + allocation.quantity, 0);
            return (
              total === line.quantity &&
              mine.every(
                (allocation) =>
                  allocation.quantity > 0 &&
                  allocation.quantity <= (units[line.sku]?.[allocation.warehouseId] ?? 0),
              )
            );
          });
        },
      ),
    );
  });
});
