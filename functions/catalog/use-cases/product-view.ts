import type { ProductView } from '../contracts/schemas.js';
import type { Product } from '../domain/product.js';

/** What the API shows of a product: everything but the bookkeeping. */
export const toProductView = ({
  version: _version,
  stockVersion: _stockVersion,
  createdAt: _created,
  updatedAt: _updated,
  ...view
}: Product): ProductView => view;
