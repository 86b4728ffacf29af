import type { DomainEvent } from '../../shared/events/define-event.js';
import type { CursorCodec, PageKey } from '../../shared/pagination.js';
import type { Category } from '../domain/category.js';
import type { Product } from '../domain/product.js';

export interface ProductListing {
  readonly items: readonly Product[];
  /** Where the next page starts; absent on the last page. */
  readonly next?: PageKey;
}

/**
 * The catalog's products. Every write stores its events in the same
 * transaction (the outbox), so a change and its events exist together or not at all.
 */
export interface ProductStore {
  get(sku: string): Promise<Product | undefined>;
  /** The products among `skus` that exist, in no particular order. */
  getMany(skus: readonly string[]): Promise<Product[]>;
  /** Ordered by sku. */
  list(query: { category?: string; limit: number; after?: PageKey }): Promise<ProductListing>;
  /** @throws SkuTakenError, UnknownCategoryError */
  create(product: Product, events: readonly DomainEvent[]): Promise<void>;
  /** Writes only if the stored version is still `expectedVersion`. @throws ProductChangedConcurrentlyError, UnknownCategoryError */
  replace(product: Product, expectedVersion: number, events: readonly DomainEvent[]): Promise<void>;
  /**
   * Records whether the product is in stock, if `stockVersion` is newer than
   * the one recorded; resolves with whether it did. A missing product is no error.
   */
  setStockStatus(sku: string, inStock: boolean, stockVersion: number): Promise<boolean>;
  /** @throws ProductChangedConcurrentlyError when it changed or vanished since it was read */
  delete(sku: string, expectedVersion: number, events: readonly DomainEvent[]): Promise<void>;
}

export interface CategoryStore {
  /** @throws CategoryTakenError */
  create(category: Category): Promise<void>;
  /** Every category, ordered by id. */
  list(): Promise<Category[]>;
}

export interface CatalogDependencies {
  readonly products: ProductStore;
  readonly categories: CategoryStore;
  readonly cursors: CursorCodec;
  readonly clock: () => Date;
}
