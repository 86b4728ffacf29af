import { ProductDeleted } from '../contracts/events.js';
import { ProductNotFoundError } from '../domain/errors.js';
import type { CatalogDependencies } from './ports.js';

export const deleteProduct = async (
  { products, clock }: Pick<CatalogDependencies, 'products' | 'clock'>,
  sku: string,
) => {
  const current = await products.get(sku);
  if (!current) throw new ProductNotFoundError(sku);
  await products.delete(sku, current.version, [ProductDeleted.create({ sku }, clock())]);
};
