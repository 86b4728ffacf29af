import type { ProductView } from '../contracts/schemas.js';
import { ProductNotFoundError } from '../domain/errors.js';
import type { CatalogDependencies } from './ports.js';
import { toProductView } from './product-view.js';

export const getProduct = async (
  { products }: Pick<CatalogDependencies, 'products'>,
  sku: string,
): Promise<ProductView> => {
  const product = await products.get(sku);
  if (!product) throw new ProductNotFoundError(sku);
  return toProductView(product);
};
