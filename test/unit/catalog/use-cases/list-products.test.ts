import { describe, expect, it } from 'vitest';
import { listProducts } from '../../../../functions/catalog/use-cases/list-products.js';
import { InvalidCursorError } from '../../../../functions/shared/errors.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

const setUp = async () => {
  const { deps } = inMemoryCatalog();
  await deps.categories.create(aCategory('books'));
  await deps.categories.create(aCategory('toys'));
  for (const sku of ['A1', 'B2', 'C3']) await deps.products.create(aProduct(sku), []);
  await deps.products.create(aProduct('T1', { category: 'toys' }), []);
  return deps;
};

describe('listProducts', () => {
  it('walks every product with the cursors it hands out', async () => {
    const deps = await setUp();
    const first = await listProducts(deps, { limit: 3 });
    expect(first.items.map((product) => product.sku)).toEqual(['A1', 'B2', 'C3']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listProducts(deps, {
      limit: 3,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    expect(second).toEqual({ items: [expect.objectContaining({ sku: 'T1' })], nextCursor: null });
  });

  it('refuses a cursor from another category listing', async () => {
    const deps = await setUp();
    const books = await listProducts(deps, { category: 'books', limit: 1 });
    await expect(
      listProducts(deps, { category: 'toys', limit: 1, cursor: books.nextCursor ?? '' }),
    ).rejects.toThrow(InvalidCursorError);
  });

  it('shows products without internal fields', async () => {
    const deps = await setUp();
    const { items } = await listProducts(deps, { category: 'toys', limit: 10 });
    expect(Object.keys(items[0] ?? {}).sort()).toEqual([
      'category',
      'description',
      'inStock',
      'name',
      'price',
      'sku',
    ]);
  });
});
