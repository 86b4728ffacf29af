import { InMemoryCatalog } from '../../../functions/catalog/adapters/in-memory-catalog-store.js';
import type { Category } from '../../../functions/catalog/domain/category.js';
import { newProduct, type Product } from '../../../functions/catalog/domain/product.js';
import type { CatalogDependencies } from '../../../functions/catalog/use-cases/ports.js';
import { money } from '../../../functions/shared/money.js';
import { hmacCursors } from '../../../functions/shared/pagination.js';

export const NOW = new Date('2026-11-22T10:00:00.000Z');

export const aCategory = (id = 'books', name = 'Books'): Category => ({
  id,
  name,
  createdAt: NOW.toISOString(),
});

export const aProduct = (sku = 'BOOK-1', overrides: Partial<Product> = {}): Product => ({
  ...newProduct(
    sku,
    { name: `Product ${sku}`, description: 'A fine thing', category: 'books', price: money(1999) },
    NOW,
  ),
  ...overrides,
});

/** The catalog's use cases over the in-memory store, with a fixed clock. */
export const inMemoryCatalog = () => {
  const catalog = new InMemoryCatalog();
  const deps: CatalogDependencies = {
    products: catalog.productStore,
    categories: catalog.categoryStore,
    cursors: hmacCursors('test-cursor-secret-of-sufficient-length'),
    clock: () => NOW,
  };
  return { catalog, deps };
};
