import { ProductCreated } from '../contracts/events.js';
import type { CreateProductInput, ProductView } from '../contracts/schemas.js';
import { newProduct, productState } from '../domain/product.js';
import type { CatalogDependencies } from './ports.js';
import { toProductView } from './product-view.js';

export const createProduct = async (
  { products, clock }: Pick<CatalogDependencies, 'products' | 'clock'>,
  { sku, ...details }: CreateProductInput,
): Promise<ProductView> => {
  const now = clock();
  const product = newProduct(sku, details, now);
  await products.create(product, [ProductCreated.create(productState(product), now)]);
  return toProductView(product);
};
