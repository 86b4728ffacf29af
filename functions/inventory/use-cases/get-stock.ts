import type { StockView } from '../contracts/schemas.js';
import { compareWarehouseIds, MAIN_WAREHOUSE } from '../contracts/warehouses.js';
import { StockItemNotFoundError } from '../domain/errors.js';
import type { StockItem } from '../domain/stock.js';
import type { InventoryDependencies } from './ports.js';

/** A sku's stock as admins see it: totals, and per warehouse (main first, then by id). */
export const toStockView = (
  { sku, available, warehouses }: StockItem,
  held: Record<string, number>,
): StockView => {
  const ids = [...new Set([MAIN_WAREHOUSE, ...Object.keys(warehouses), ...Object.keys(held)])].sort(
    compareWarehouseIds,
  );
  const perWarehouse = ids.map((warehouseId) => ({
    warehouseId,
    available: warehouses[warehouseId]?.available ?? 0,
    reserved: held[warehouseId] ?? 0,
  }));
  return {
    sku,
    available,
    reserved: perWarehouse.reduce((sum, warehouse) => sum + warehouse.reserved, 0),
    warehouses: perWarehouse,
  };
};

export const getStock = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  sku: string,
): Promise<StockView> => {
  const [item, held] = await Promise.all([store.getStock(sku), store.heldUnits(sku)]);
  if (!item) throw new StockItemNotFoundError(sku);
  return toStockView(item, held);
};
