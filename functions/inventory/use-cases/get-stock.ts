import type { StockView } from '../contracts/schemas.js';
import { StockItemNotFoundError } from '../domain/errors.js';
import type { StockItem } from '../domain/stock.js';
import type { InventoryDependencies } from './ports.js';

export const toStockView = ({ sku, available }: StockItem, reserved: number): StockView => ({
  sku,
  available,
  reserved,
});

export const getStock = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  sku: string,
): Promise<StockView> => {
  const [item, reserved] = await Promise.all([store.getStock(sku), store.heldUnits(sku)]);
  if (!item) throw new StockItemNotFoundError(sku);
  return toStockView(item, reserved);
};
