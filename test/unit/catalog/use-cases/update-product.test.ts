import { describe, expect, it } from 'vitest';
import { ProductNotFoundError } from '../../../../functions/catalog/domain/errors.js';
import { updateProduct } from '../../../../functions/catalog/use-cases/update-product.js';
import { money } from '../../../../functions/shared/money.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

const setUp = async () => {
  const { catalog, deps } = inMemoryCatalog();
  await deps.categories.create(aCategory('books'));
  await deps.products.create(aProduct('BOOK-1'), []);
  return { catalog, deps };
};

const details = {
  name: 'Product BOOK-1',
  description: 'A fine thing',
  category: 'books',
  price: money(1999),
};

describe('updateProduct', () => {
  it('emits ProductUpdated and ProductPriceChanged when the price changes', async () => {
    const { catalog, deps } = await setUp();
    await updateProduct(deps, 'BOOK-1', { ...details, price: money(1500) });
    expect(catalog.outbox.map((event) => event.detailType)).toEqual([
      'ProductUpdated',
      'ProductPriceChanged',
    ]);
    expect(catalog.outbox[1]?.detail.data).toEqual({
      sku: 'BOOK-1',
      previousPrice: money(1999),
      price: money(1500),
    });
  });

  it('emits only ProductUpdated when the price stays', async () => {
    const { catalog, deps } = await setUp();
    await updateProduct(deps, 'BOOK-1', { ...details, name: 'New name' });
    expect(catalog.outbox.map((event) => event.detailType)).toEqual(['ProductUpdated']);
  });

  it('writes and emits nothing when nothing changes', async () => {
    const { catalog, deps } = await setUp();
    const view = await updateProduct(deps, 'BOOK-1', details);
    expect(view.name).toBe('Product BOOK-1');
    expect(catalog.outbox).toEqual([]);
    expect(catalog.products.get('BOOK-1')?.version).toBe(1);
  });

  it('refuses an unknown sku', async () => {
    const { deps } = await setUp();
    await expect(updateProduct(deps, 'NOPE', details)).rejects.toThrow(ProductNotFoundError);
  });
});
