import type { Page } from '../../shared/pagination.js';
import type { ProductView } from '../contracts/schemas.js';
import type { CatalogDependencies } from './ports.js';
import { toProductView } from './product-view.js';

export interface ListProductsQuery {
  readonly category?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** A cursor is valid only for the listing that issued it. */
const scopeOf = (category: string | undefined) => `products?category=${category ?? ''}`;

export const listProducts = async (
  { products, cursors }: Pick<CatalogDependencies, 'products' | 'cursors'>,
  { category, limit, cursor }: ListProductsQuery,
): Promise<Page<ProductView>> => {
  const scope = scopeOf(category);
  const after = cursor === undefined ? undefined : cursors.decode(cursor, scope);
  const listing = await products.list({
    limit,
    ...(category ? { category } : {}),
    ...(after ? { after } : {}),
  });
  return {
    items: listing.items.map(toProductView),
    nextCursor: listing.next ? cursors.encode(listing.next, scope) : null,
  };
};
