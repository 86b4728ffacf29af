import { describe, expect, it } from 'vitest';
import { reindexCategory, renameCategory } from '../../../../functions/catalog/use-cases/categories.js';
import { aCategory, aProduct, inMemoryCatalog } from '../../../support/catalog/fixtures.js';

describe('reindexCategory', () => {
  it('indexes every product of the category again, page after page, and only those whose words changed', async () => {
    const { deps } = inMemoryCatalog();
    await deps.categories.create(aCategory('books', 'Books'));
    await deps.categories.create(aCategory('toys', 'Toys'));
    for (let index = 0; index < 250; index++) await deps.products.create(aProduct(`B${index}`), []);
    await deps.products.create(aProduct('T1', { category: 'toys' }), []);
    await renameCategory(deps, 'books', 'Novels');
    expect(await reindexCategory(deps, 'books')).toBe(250);
    expect(await reindexCategory(deps, 'books')).toBe(0);
    expect((await deps.products.wordHits({ word: 'novels', prefix: false })).length).toBe(250);
    expect((await deps.products.get('T1'))?.version).toBe(1);
  });
});
