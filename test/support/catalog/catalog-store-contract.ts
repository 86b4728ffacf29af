import { describe, expect, it } from 'vitest';
import { ProductCreated } from '../../../functions/catalog/contracts/events.js';
import {
  CategoryInUseError,
  CategoryNotFoundError,
  CategoryTakenError,
  ProductChangedConcurrentlyError,
  SkuTakenError,
  UnknownCategoryError,
} from '../../../functions/catalog/domain/errors.js';
import { productState } from '../../../functions/catalog/domain/product.js';
import { FIELD, searchEntry } from '../../../functions/catalog/domain/search.js';
import type { BrowseQuery, CategoryStore, ProductStore } from '../../../functions/catalog/use-cases/ports.js';
import { money } from '../../../functions/shared/money.js';
import { aCategory, aProduct } from './fixtures.js';

export interface CatalogStores {
  readonly products: ProductStore;
  readonly categories: CategoryStore;
}

/**
 * What every catalog store promises. The in-memory twin and the DynamoDB
 * adapter both run this suite, so tests that use the twin stay honest.
 */
export const catalogStoreContract = (name: string, fresh: () => Promise<CatalogStores>) => {
  const withCategories = async (...ids: string[]) => {
    const stores = await fresh();
    for (const id of ids) await stores.categories.create(aCategory(id, id));
    return stores;
  };
  /** A product created `minutesLater` than the others. */
  const created = (sku: string, category = 'books', minutesLater = 0) => {
    const product = aProduct(sku, {
      category,
      createdAt: new Date(Date.parse('2026-11-22T10:00:00.000Z') + minutesLater * 60_000).toISOString(),
    });
    return { product, events: [ProductCreated.create(productState(product))] };
  };

  describe(`${name}: products`, () => {
    it('stores a new product and reads it back', async () => {
      const { products } = await withCategories('books');
      const { product, events } = created('BOOK-1');
      await products.create(product, events);
      expect(await products.get('BOOK-1')).toEqual(product);
    });

    it('refuses a second product with the same sku', async () => {
      const { products } = await withCategories('books');
      await products.create(...(Object.values(created('BOOK-1')) as [never, never]));
      const again = created('BOOK-1');
      await expect(products.create(again.product, again.events)).rejects.toThrow(SkuTakenError);
    });

    it('refuses a product in a category that does not exist', async () => {
      const { products } = await withCategories('books');
      const { product, events } = created('TOY-1', 'toys');
      await expect(products.create(product, events)).rejects.toThrow(UnknownCategoryError);
      expect(await products.get('TOY-1')).toBeUndefined();
    });

    it('replaces a product only from the version it was read at', async () => {
      const { products } = await withCategories('books');
      const { product, events } = created('BOOK-1');
      await products.create(product, events);
      const renamed = { ...product, name: 'Renamed', version: 2 };
      await products.replace(renamed, 1, []);
      expect((await products.get('BOOK-1'))?.name).toBe('Renamed');
      await expect(products.replace({ ...product, name: 'Stale', version: 2 }, 1, [])).rejects.toThrow(
        ProductChangedConcurrentlyError,
      );
      expect((await products.get('BOOK-1'))?.name).toBe('Renamed');
    });

    it('refuses to move a product into a category that does not exist', async () => {
      const { products } = await withCategories('books');
      const { product, events } = created('BOOK-1');
      await products.create(product, events);
      await expect(products.replace({ ...product, category: 'nope', version: 2 }, 1, [])).rejects.toThrow(
        UnknownCategoryError,
      );
    });

    it('deletes a product only from the version it was read at', async () => {
      const { products } = await withCategories('books');
      const { product, events } = created('BOOK-1');
      await products.create(product, events);
      await expect(products.delete('BOOK-1', 7, [])).rejects.toThrow(ProductChangedConcurrentlyError);
      await products.delete('BOOK-1', 1, []);
      expect(await products.get('BOOK-1')).toBeUndefined();
      await expect(products.delete('BOOK-1', 1, [])).rejects.toThrow(ProductChangedConcurrentlyError);
    });

    it('reads several skus at once and leaves out the unknown ones', async () => {
      const { products } = await withCategories('books');
      for (const sku of ['A1', 'B2', 'C3']) await products.create(created(sku).product, []);
      const found = await products.getMany(['C3', 'A1', 'NOPE']);
      expect(found.map((product) => product.sku).sort()).toEqual(['A1', 'C3']);
    });

    it('lists products newest first, page by page, with no cursor after the last page', async () => {
      const { products } = await withCategories('books');
      for (const [index, sku] of ['E5', 'A1', 'C3', 'B2', 'D4'].entries())
        await products.create(created(sku, 'books', index).product, []);
      const newest = { order: 'newest', descending: true, filters: {} } as const;
      const first = await products.browse({ ...newest, limit: 2 });
      expect(first.items.map((product) => product.sku)).toEqual(['D4', 'B2']);
      const second = await products.browse({
        ...newest,
        limit: 2,
        ...(first.next ? { after: first.next } : {}),
      });
      expect(second.items.map((product) => product.sku)).toEqual(['C3', 'A1']);
      const third = await products.browse({
        ...newest,
        limit: 2,
        ...(second.next ? { after: second.next } : {}),
      });
      expect(third.items.map((product) => product.sku)).toEqual(['E5']);
      expect(third.next).toBeUndefined();
    });

    it('gives no cursor when the last page is exactly full', async () => {
      const { products } = await withCategories('books');
      for (const sku of ['A1', 'B2']) await products.create(created(sku).product, []);
      expect(
        (await products.browse({ order: 'name', descending: false, filters: {}, limit: 2 })).next,
      ).toBeUndefined();
    });

    it('lists one category only', async () => {
      const { products } = await withCategories('books', 'toys');
      await products.create(created('BOOK-1').product, []);
      await products.create(created('TOY-1', 'toys', 1).product, []);
      await products.create(created('TOY-2', 'toys', 2).product, []);
      const query = { order: 'newest', descending: false, filters: { category: 'toys' } } as const;
      const toys = await products.browse({ ...query, limit: 1 });
      expect(toys.items.map((product) => product.sku)).toEqual(['TOY-1']);
      const rest = await products.browse({ ...query, limit: 1, ...(toys.next ? { after: toys.next } : {}) });
      expect(rest.items.map((product) => product.sku)).toEqual(['TOY-2']);
      expect(rest.next).toBeUndefined();
    });

    it('lists by price either way and by name, filtered by price range and stock', async () => {
      const { products } = await withCategories('books');
      const catalog = [
        aProduct('CHEAP', { name: 'Zebra', price: money(500) }),
        aProduct('MID', { name: 'apple pie', price: money(1500), inStock: true }),
        aProduct('DEAR', { name: 'Apple', price: money(9000), inStock: true }),
      ];
      for (const product of catalog) await products.create(product, []);
      const skus = async (query: Omit<BrowseQuery, 'limit'>) =>
        (await products.browse({ ...query, limit: 10 })).items.map((product) => product.sku);
      expect(await skus({ order: 'price', descending: false, filters: {} })).toEqual([
        'CHEAP',
        'MID',
        'DEAR',
      ]);
      expect(await skus({ order: 'price', descending: true, filters: {} })).toEqual(['DEAR', 'MID', 'CHEAP']);
      expect(await skus({ order: 'name', descending: false, filters: {} })).toEqual(['DEAR', 'MID', 'CHEAP']);
      expect(
        await skus({ order: 'price', descending: false, filters: { minPrice: 500, maxPrice: 1500 } }),
      ).toEqual(['CHEAP', 'MID']);
      expect(await skus({ order: 'name', descending: false, filters: { minPrice: 1000 } })).toEqual([
        'DEAR',
        'MID',
      ]);
      expect(await skus({ order: 'newest', descending: true, filters: { inStock: false } })).toEqual([
        'CHEAP',
      ]);
    });

    it('records stock status only from newer stock versions, and a missing product is no error', async () => {
      const { products } = await withCategories('books');
      await products.create(created('BOOK-1').product, []);
      expect(await products.setStockStatus('BOOK-1', true, 3)).toBe(true);
      expect(await products.setStockStatus('BOOK-1', false, 2)).toBe(false);
      expect(await products.get('BOOK-1')).toMatchObject({ inStock: true, stockVersion: 3 });
      expect(await products.setStockStatus('NOPE', true, 1)).toBe(false);
    });

    it('makes an edit read before a stock status change fail, rather than overwrite it', async () => {
      const { products } = await withCategories('books');
      const { product } = created('BOOK-1');
      await products.create(product, []);
      await products.setStockStatus('BOOK-1', true, 1);
      await expect(products.replace({ ...product, name: 'Stale', version: 2 }, 1, [])).rejects.toThrow(
        ProductChangedConcurrentlyError,
      );
      expect((await products.get('BOOK-1'))?.inStock).toBe(true);
    });

    it('keeps money as integer minor units', async () => {
      const { products } = await withCategories('books');
      await products.create(aProduct('P1', { price: money(1) }), []);
      expect((await products.get('P1'))?.price).toEqual({ amount: 1, currency: 'USD' });
    });
  });

  describe(`${name}: categories`, () => {
    it('lists categories in id order', async () => {
      const { categories } = await withCategories('toys', 'books', 'garden');
      expect((await categories.list()).map((category) => category.id)).toEqual(['books', 'garden', 'toys']);
    });

    it('refuses a second category with the same id', async () => {
      const { categories } = await withCategories('books');
      await expect(categories.create(aCategory('books'))).rejects.toThrow(CategoryTakenError);
    });

    it('counts the products in a category as they are added, moved and deleted', async () => {
      const { products, categories } = await withCategories('books', 'toys');
      const count = async (id: string) => (await categories.get(id))?.productCount;
      expect(await count('books')).toBe(0);
      const { product } = created('P1');
      await products.create(product, []);
      await products.create(created('P2').product, []);
      expect(await count('books')).toBe(2);
      await products.replace({ ...product, category: 'toys', version: 2 }, 1, []);
      expect([await count('books'), await count('toys')]).toEqual([1, 1]);
      await products.delete('P1', 2, []);
      expect(await count('toys')).toBe(0);
      expect(await categories.get('nope')).toBeUndefined();
    });

    it('deletes a category only while no product is in it', async () => {
      const { products, categories } = await withCategories('books', 'toys');
      await products.create(created('P1').product, []);
      await expect(categories.delete('books')).rejects.toThrow(CategoryInUseError);
      await categories.delete('toys');
      expect(await categories.get('toys')).toBeUndefined();
      await expect(categories.delete('toys')).rejects.toThrow(CategoryNotFoundError);
      const { product } = created('P2', 'toys');
      await expect(products.create(product, [])).rejects.toThrow(UnknownCategoryError);
    });

    it('renames a category, and search finds its products by the new name at once, by the old no more', async () => {
      const { products, categories } = await withCategories('books');
      await products.create(created('P1').product, []);
      const before = await products.searchIndex();
      expect(before.hits({ word: 'books', prefix: false }).map((hit) => hit.entry.sku)).toEqual(['P1']);
      await categories.rename('books', 'Novels', []);
      expect(await categories.get('books')).toMatchObject({ name: 'Novels', productCount: 1 });
      const index = await products.searchIndex();
      expect(index.hits({ word: 'novels', prefix: false }).map((hit) => hit.entry.sku)).toEqual(['P1']);
      expect(index.hits({ word: 'books', prefix: false })).toEqual([]);
      await expect(categories.rename('nope', 'X', [])).rejects.toThrow(CategoryNotFoundError);
    });
  });

  describe(`${name}: the search index`, () => {
    const hitsOf = async (products: ProductStore, word: string, prefix = false) =>
      (await products.searchIndex())
        .hits({ word, prefix })
        .map((hit) => `${hit.entry.sku}:${hit.word}:${hit.fields}`)
        .sort();

    it("indexes a product's words with the fields they are in and what filters need", async () => {
      const { products } = await withCategories('books');
      const product = aProduct('P1', {
        name: 'Crème Brûlée Torch',
        description: 'A torch for crème brûlée.',
        price: money(2500),
        inStock: true,
      });
      await products.create(product, []);
      expect(await hitsOf(products, 'creme')).toEqual([`P1:creme:${FIELD.name | FIELD.description}`]);
      expect(await hitsOf(products, 'books')).toEqual([`P1:books:${FIELD.category}`]);
      expect(await hitsOf(products, 'tor', true)).toEqual([`P1:torch:${FIELD.name | FIELD.description}`]);
      expect(await hitsOf(products, 'tor')).toEqual([]);
      const index = await products.searchIndex();
      const [hit] = index.hits({ word: 'torch', prefix: false });
      expect(hit?.entry).toEqual(searchEntry(product));
      expect(index.get('P1')).toEqual(product);
    });

    it('follows renames, price and stock changes and deletes', async () => {
      const { products } = await withCategories('books');
      const { product } = created('P1');
      await products.create({ ...product, name: 'Old Lamp' }, []);
      await products.replace({ ...product, name: 'New Lantern', price: money(42), version: 2 }, 1, []);
      expect(await hitsOf(products, 'lamp')).toEqual([]);
      expect(await hitsOf(products, 'lantern')).toEqual([`P1:lantern:${FIELD.name}`]);
      await products.setStockStatus('P1', true, 1);
      expect((await products.searchIndex()).hits({ word: 'lantern', prefix: false })[0]?.entry).toMatchObject(
        {
          price: 42,
          inStock: true,
        },
      );
      await products.delete('P1', 3, []);
      expect(await hitsOf(products, 'lantern')).toEqual([]);
      expect((await products.searchIndex()).get('P1')).toBeUndefined();
      expect(
        (await products.browse({ order: 'name', descending: false, filters: {}, limit: 5 })).items,
      ).toEqual([]);
    });

    it('keeps a stock status change in what listings show', async () => {
      const { products } = await withCategories('books');
      await products.create(created('P1').product, []);
      await products.setStockStatus('P1', true, 1);
      const { items } = await products.browse({ order: 'price', descending: false, filters: {}, limit: 5 });
      expect(items[0]).toMatchObject({ sku: 'P1', inStock: true });
    });
  });
};
