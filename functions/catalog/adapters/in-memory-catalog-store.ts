import type { DomainEvent } from '../../shared/events/define-event.js';
import { CatalogIndex } from '../domain/catalog-index.js';
import type { Category } from '../domain/category.js';
import {
  CategoryInUseError,
  CategoryNotFoundError,
  CategoryTakenError,
  ProductChangedConcurrentlyError,
  SkuTakenError,
  UnknownCategoryError,
} from '../domain/errors.js';
import type { Product } from '../domain/product.js';
import { browseKey, compareKeys, passesFilters, searchEntry } from '../domain/search.js';
import type { CategoryStore, ProductStore } from '../use-cases/ports.js';

/**
 * The DynamoDB store's twin in memory, for tests and experiments. It keeps
 * the same promises (ordering, conditions, all-or-nothing writes with their
 * events, a search index kept by each write), which the shared contract
 * suite checks for both.
 */
export class InMemoryCatalog {
  readonly products = new Map<string, Product>();
  readonly categories = new Map<string, Category>();
  /** What search reads, kept by every write as the DynamoDB store's change log keeps its index. */
  readonly index = new CatalogIndex();
  /** Events written with each change, in order: what the outbox relay would publish. */
  readonly outbox: DomainEvent[] = [];

  private productCount(category: string): number {
    return [...this.products.values()].filter((product) => product.category === category).length;
  }

  private put(product: Product, { keepsCategory = false } = {}): void {
    const category = this.categories.get(product.category);
    if (!category && !keepsCategory) throw new UnknownCategoryError(product.category);
    this.products.set(product.sku, product);
    this.index.apply({
      kind: 'product',
      product,
      ...(category && !keepsCategory ? { categoryName: category.name } : {}),
    });
  }

  readonly productStore: ProductStore = {
    get: async (sku) => this.products.get(sku),
    getMany: async (skus) => skus.flatMap((sku) => this.products.get(sku) ?? []),
    browse: async ({ order, descending, filters, limit, after }) => {
      const afterKey = typeof after?.key === 'string' ? after.key : undefined;
      const direction = descending ? -1 : 1;
      const keyed = [...this.products.values()]
        .map((product) => ({ product, key: browseKey(order, searchEntry(product)) }))
        .filter(({ key }) => afterKey === undefined || direction * compareKeys(key, afterKey) > 0)
        .sort((a, b) => direction * compareKeys(a.key, b.key))
        .filter(({ product }) => passesFilters(searchEntry(product), filters));
      const page = keyed.slice(0, limit);
      const last = page.at(-1);
      const items = page.map(({ product }) => product);
      return keyed.length > limit && last ? { items, next: { key: last.key } } : { items };
    },
    searchIndex: async () => this.index,
    create: async (product, events) => {
      if (this.products.has(product.sku)) throw new SkuTakenError(product.sku);
      this.put(product);
      this.outbox.push(...events);
    },
    replace: async (product, expectedVersion, events) => {
      if (this.products.get(product.sku)?.version !== expectedVersion) {
        throw new ProductChangedConcurrentlyError(product.sku);
      }
      this.put(product);
      this.outbox.push(...events);
    },
    setStockStatus: async (sku, inStock, stockVersion) => {
      const product = this.products.get(sku);
      if (!product || product.stockVersion >= stockVersion) return false;
      this.put({ ...product, inStock, stockVersion, version: product.version + 1 }, { keepsCategory: true });
      return true;
    },
    delete: async (sku, expectedVersion, events) => {
      if (this.products.get(sku)?.version !== expectedVersion) throw new ProductChangedConcurrentlyError(sku);
      this.products.delete(sku);
      this.index.apply({ kind: 'deleted', sku });
      this.outbox.push(...events);
    },
  };

  readonly categoryStore: CategoryStore = {
    create: async (category) => {
      if (this.categories.has(category.id)) throw new CategoryTakenError(category.id);
      this.categories.set(category.id, category);
    },
    get: async (id) => {
      const category = this.categories.get(id);
      return category && { ...category, productCount: this.productCount(id) };
    },
    list: async () => [...this.categories.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
    rename: async (id, name, events) => {
      const category = this.categories.get(id);
      if (!category) throw new CategoryNotFoundError(id);
      this.categories.set(id, { ...category, name });
      this.index.apply({ kind: 'category', id, name });
      this.outbox.push(...events);
    },
    delete: async (id) => {
      if (!this.categories.has(id)) throw new CategoryNotFoundError(id);
      const count = this.productCount(id);
      if (count > 0) throw new CategoryInUseError(id, count);
      this.categories.delete(id);
    },
  };
}
