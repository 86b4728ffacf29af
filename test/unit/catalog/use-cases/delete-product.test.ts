import { describe, expect, it } from 'vitest';
import { ProductNotFoundError } from '../../../../functions/catalog/domain/errors.js';
import { deleteProduct } from '../../../../functions/catalog/use-cases/delete-product.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

describe('deleteProduct', () => {
  it('removes the product and emits ProductDeleted, stamped with the use case’s clock', async () => {
    const { catalog, deps } = inMemoryCatalog();
    await deps.categories.create(aCategory('books'));
    await deps.products.create(aProduct('BOOK-1'), []);
    await deleteProduct(deps, 'BOOK-1');
    expect(catalog.products.has('BOOK-1')).toBe(false);
    expect(catalog.outbox.map((event) => [event.detailType, event.detail.data])).toEqual([
      ['ProductDeleted', { sku: 'BOOK-1' }],
    ]);
    expect(catalog.outbox[0]?.detail.metadata.occurredAt).toBe(deps.clock().toISOString());
  });

  it('refuses an unknown sku and emits nothing', async () => {
    const { catalog, deps } = inMemoryCatalog();
    await expect(deleteProduct(deps, 'NOPE-1')).rejects.toBeInstanceOf(ProductNotFoundError);
    expect(catalog.outbox).toEqual([]);
  });
});
