import { describe, expect, it } from 'vitest';
import { renameCategory } from '../../../../functions/catalog/use-cases/categories.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

describe('renameCategory', () => {
  it("makes search find the category's products by the new name at once, and no other product changes", async () => {
    const { deps } = inMemoryCatalog();
    await deps.categories.create(aCategory('books', 'Books'));
    await deps.categories.create(aCategory('toys', 'Toys'));
    for (let index = 0; index < 250; index++) await deps.products.create(aProduct(`B${index}`), []);
    await deps.products.create(aProduct('T1', { category: 'toys' }), []);
    await renameCategory(deps, 'books', 'Novels');
    const index = await deps.products.searchIndex();
    expect(index.hits({ word: 'novels', prefix: false })).toHaveLength(250);
    expect(index.hits({ word: 'books', prefix: false })).toEqual([]);
    expect((await deps.products.get('T1'))?.version).toBe(1);
  });

  it('changes nothing, and says nothing, when the name is the same', async () => {
    const { deps, catalog } = inMemoryCatalog();
    await deps.categories.create(aCategory('books', 'Books'));
    expect(await renameCategory(deps, 'books', 'Books')).toEqual({ id: 'books', name: 'Books' });
    expect(catalog.outbox).toEqual([]);
  });
});
