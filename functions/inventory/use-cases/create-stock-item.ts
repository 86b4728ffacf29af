import { newStockItem } from '../domain/stock.js';
import type { InventoryDependencies } from './ports.js';

/** A new product gets a stock item with nothing available; a repeated event changes nothing. */
export const createStockItem = async (
  { store, clock }: Pick<InventoryDependencies, 'store' | 'clock'>,
  sku: string,
) => store.createStockItem(newStockItem(sku, clock()));
