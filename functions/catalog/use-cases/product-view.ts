import type { ProductView } from '../contracts/schemas.js';
import type { Product } from '../domain/product.js';

export const toProductView = ({
  sku,
  name,
  description,
  category,
  price,
  inStock,
}: Product): ProductView => ({
  sku,
  name,
  description,
  category,
  price,
  inStock,
});
