import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CatalogChange, CatalogIndex } from '../../../../functions/catalog/domain/catalog-index.js';
import { FIELD, indexedWords, type QueryWord } from '../../../../functions/catalog/domain/search.js';
import { aProduct } from '../../../support/catalog/fixtures.js';

const hitsOf = (index: CatalogIndex, word: string, prefix = false) =>
  index
    .hits({ word, prefix })
    .map((hit) => `${hit.entry.sku}:${hit.word}:${hit.fields}`)
    .sort();

describe('the catalog index', () => {
  it("finds a product by the words of its name, its category's name and its description", () => {
    const index = new CatalogIndex();
    index.apply({
      kind: 'product',
      product: aProduct('P1', { name: 'Brass Lantern', description: 'Lights a tent' }),
      categoryName: 'Camping',
    });
    expect(hitsOf(index, 'lantern')).toEqual([`P1:lantern:${FIELD.name}`]);
    expect(hitsOf(index, 'camping')).toEqual([`P1:camping:${FIELD.category}`]);
    expect(hitsOf(index, 'ten', true)).toEqual([`P1:tent:${FIELD.description}`]);
    expect(hitsOf(index, 'ten')).toEqual([]);
    expect(index.get('P1')?.name).toBe('Brass Lantern');
  });

  it("follows a category's rename in every product of it, and a stock change keeps the category's name", () => {
    const index = new CatalogIndex();
    index.apply({ kind: 'product', product: aProduct('P1'), categoryName: 'Books' });
    index.apply({ kind: 'product', product: aProduct('T1', { category: 'toys' }), categoryName: 'Toys' });
    index.apply({ kind: 'category', id: 'books', name: 'Novels' });
    index.apply({ kind: 'product', product: aProduct('P1', { inStock: true, version: 2 }) });
    expect(hitsOf(index, 'books')).toEqual([]);
    expect(hitsOf(index, 'novels')).toEqual([`P1:novels:${FIELD.category}`]);
    expect(hitsOf(index, 'toys')).toEqual([`T1:toys:${FIELD.category}`]);
    expect(index.hits({ word: 'novels', prefix: false })[0]?.entry.inStock).toBe(true);
  });

  it('forgets a deleted product and every word only it had', () => {
    const index = new CatalogIndex();
    index.apply({ kind: 'product', product: aProduct('P1', { name: 'Zither' }), categoryName: 'Music' });
    index.apply({ kind: 'deleted', sku: 'P1' });
    index.apply({ kind: 'deleted', sku: 'NEVER' });
    expect(index.size).toBe(0);
    expect(index.hits({ word: 'z', prefix: true })).toEqual([]);
    expect(index.get('P1')).toBeUndefined();
  });

  it('is, after any sequence of changes, what the catalog as it ends up indexes', () => {
    const skus = ['A', 'B', 'C'];
    const categories = ['books', 'toys'];
    const names = ['Red Lamp', 'Blue Lamp', 'Oak Table', 'Red Chair'];
    const change: fc.Arbitrary<CatalogChange> = fc.oneof(
      fc
        .record({
          sku: fc.constantFrom(...skus),
          name: fc.constantFrom(...names),
          category: fc.constantFrom(...categories),
          categoryName: fc.option(fc.constantFrom('Books', 'Novels', 'Toys', 'Games'), { nil: undefined }),
        })
        .map(({ sku, name, category, categoryName }) => ({
          kind: 'product' as const,
          product: aProduct(sku, { name, category }),
          ...(categoryName === undefined ? {} : { categoryName }),
        })),
      fc.record({ kind: fc.constant('deleted' as const), sku: fc.constantFrom(...skus) }),
      fc.record({
        kind: fc.constant('category' as const),
        id: fc.constantFrom(...categories),
        name: fc.constantFrom('Books', 'Novels', 'Toys', 'Games'),
      }),
    );
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        const index = new CatalogIndex();
        // The state the changes leave, worked out without the index.
        const products = new Map<string, ReturnType<typeof aProduct>>();
        const categoryNames = new Map<string, string>();
        for (const each of changes) {
          index.apply(each);
          if (each.kind === 'product') {
            products.set(each.product.sku, each.product);
            if (each.categoryName !== undefined) categoryNames.set(each.product.category, each.categoryName);
          } else if (each.kind === 'deleted') products.delete(each.sku);
          else categoryNames.set(each.id, each.name);
        }
        const expected = (query: QueryWord) =>
          [...products.values()]
            .flatMap((product) =>
              Object.entries(indexedWords(product, categoryNames.get(product.category) ?? ''))
                .filter(([word]) => word === query.word || (query.prefix && word.startsWith(query.word)))
                .map(([word, fields]) => `${product.sku}:${word}:${fields}`),
            )
            .sort();
        for (const word of ['lamp', 'red', 'books', 'novels', 'toys', 'games', 'oak']) {
          expect(hitsOf(index, word)).toEqual(expected({ word, prefix: false }));
        }
        for (const prefix of ['la', 'no', 'g', 't']) {
          expect(hitsOf(index, prefix, true)).toEqual(expected({ word: prefix, prefix: true }));
        }
        expect(index.size).toBe(products.size);
      }),
    );
  });
});
