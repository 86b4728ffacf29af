import { describe, expect, it } from 'vitest';
import { ProductCreated } from '../../../functions/catalog/contracts/events.js';
import {
  CategoryTakenError,
  ProductChangedConcurrentlyError,
  SkuTakenError,
  UnknownCategoryError,
} from '../../../functions/catalog/domain/errors.js';
import { productState } from '../../../functions/catalog/domain/product.js';
import type { CategoryStore, ProductStore } from '../../../functions/catalog/use-cases/ports.js';
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
  const created = (sku: string, category = 'books') => {
    const product = aProduct(sku, { category });
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

    it('lists products in sku order, page by page, with no cursor after the last page', async () => {
      const { products } = await withCategories('books');
      for (const sku of ['E5', 'A1', 'C3', 'B2', 'D4']) await products.create(created(sku).product, []);
      const first = await products.list({ limit: 2 });
      expect(first.items.map((product) => product.sku)).toEqual(['A1', 'B2']);
      const second = await products.list({ limit: 2, ...(first.next ? { after: first.next } : {}) });
      expect(second.items.map((product) => product.sku)).toEqual(['C3', 'D4']);
      const third = await products.list({ limit: 2, ...(second.next ? { after: second.next } : {}) });
      expect(third.items.map((product) => product.sku)).toEqual(['E5']);
      expect(third.next).toBeUndefined();
    });

    it('gives no cursor when the last page is exactly full', async () => {
      const { products } = await withCategories('books');
      for (const sku of ['A1', 'B2']) await products.create(created(sku).product, []);
      expect((await products.list({ limit: 2 })).next).toBeUndefined();
    });

    it('lists one category only', async () => {
      const { products } = await withCategories('books', 'toys');
      await products.create(created('BOOK-1').product, []);
      await products.create(created('TOY-1', 'toys').product, []);
      await products.create(created('TOY-2', 'toys').product, []);
      const toys = await products.list({ category: 'toys', limit: 1 });
      expect(toys.items.map((product) => product.sku)).toEqual(['TOY-1']);
      const rest = await products.list({
        category: 'toys',
        limit: 1,
        ...(toys.next ? { after: toys.next } : {}),
      });
      expect(rest.items.map((product) => product.sku)).toEqual(['TOY-2']);
      expect(rest.next).toBeUndefined();
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
  });
};
