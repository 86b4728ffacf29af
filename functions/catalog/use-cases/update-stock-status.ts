import type { CatalogDependencies } from './ports.js';

/** Inventory says a product went out of stock or came back; older news than what the catalog has is ignored. */
export const updateStockStatus = (
  { products }: Pick<CatalogDependencies, 'products'>,
  { sku, inStock, stockVersion }: { sku: string; inStock: boolean; stockVersion: number },
) => products.setStockStatus(sku, inStock, stockVersion);
