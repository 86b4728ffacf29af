import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Category } from '../domain/category.js';
import {
  CategoryTakenError,
  ProductChangedConcurrentlyError,
  SkuTakenError,
  UnknownCategoryError,
} from '../domain/errors.js';
import type { Product } from '../domain/product.js';
import type { CategoryStore, ProductStore } from '../use-cases/ports.js';

/**
 * The DynamoDB store's twin in memory, for tests and experiments. It keeps
 * the same promises (ordering, conditions, all-or-nothing writes with their
 * events), which the shared contract suite checks for both.
 */
export class InMemoryCatalog {
  readonly products = new Map<string, Product>();
  readonly categories = new Map<string, Category>();
  /** Events written with each change, in order: what the outbox relay would publish. */
  readonly outbox: DomainEvent[] = [];

  readonly productStore: ProductStore = {
    get: async (sku) => this.products.get(sku),
    getMany: async (skus) => skus.flatMap((sku) => this.products.get(sku) ?? []),
    list: async ({ category, limit, after }) => {
      const afterSku = typeof after?.listKey === 'string' ? after.listKey : undefined;
      const matching = [...this.products.values()]
        .filter((product) => category === undefined || product.category === category)
        .filter((product) => afterSku === undefined || product.sku > afterSku)
        .sort((a, b) => (a.sku < b.sku ? -1 : 1));
      const items = matching.slice(0, limit);
      const last = items.at(-1);
      return matching.length > limit && last ? { items, next: { listKey: last.sku } } : { items };
    },
    create: async (product, events) => {
      if (this.products.has(product.sku)) throw new SkuTakenError(product.sku);
      if (!this.categories.has(product.category)) throw new UnknownCategoryError(product.category);
      this.products.set(product.sku, product);
      this.outbox.push(...events);
    },
    replace: async (product, expectedVersion, events) => {
      if (this.products.get(product.sku)?.version !== expectedVersion) {
        throw new ProductChangedConcurrentlyError(product.sku);
      }
      if (!this.categories.has(product.category)) throw new UnknownCategoryError(product.category);
      this.products.set(product.sku, product);
      this.outbox.push(...events);
    },
    setStockStatus: async (sku, inStock, stockVersion) => {
      const product = this.products.get(sku);
      if (!product || product.stockVersion >= stockVersion) return false;
      this.products.set(sku, { ...product, inStock, stockVersion, version: product.version + 1 });
      return true;
    },
    delete: async (sku, expectedVersion, events) => {
      if (this.products.get(sku)?.version !== expectedVersion) throw new ProductChangedConcurrentlyError(sku);
      this.products.delete(sku);
      this.outbox.push(...events);
    },
  };

  readonly categoryStore: CategoryStore = {
    create: async (category) => {
      if (this.categories.has(category.id)) throw new CategoryTakenError(category.id);
      this.categories.set(category.id, category);
    },
    list: async () => [...this.categories.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}
