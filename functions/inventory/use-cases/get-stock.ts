import type { StockView } from '../contracts/schemas.js';
import { StockItemNotFoundError } from '../domain/errors.js';
import type { InventoryDependencies } from './ports.js';

export const toStockView = ({ sku, available, reserved }: StockView): StockView => ({
  sku,
  available,
  reserved,
});

export const getStock = async (
  { store }: Pick<InventoryDependencies, 'store'>,
  sku: string,
): Promise<StockView> => {
  const item = await store.getStock(sku);
  if (!item) throw new StockItemNotFoundError(sku);
  return toStockView(item);
};
