import type { ProductSummary } from '../contracts/get-products.js';
import type { CatalogDependencies } from './ports.js';

/** The read contract's use case: current names and prices; unknown skus are left out. */
export const getProducts = async (
  { products }: Pick<CatalogDependencies, 'products'>,
  skus: readonly string[],
): Promise<{ items: ProductSummary[] }> => ({
  items: (await products.getMany([...new Set(skus)])).map(({ sku, name, price }) => ({ sku, name, price })),
});
