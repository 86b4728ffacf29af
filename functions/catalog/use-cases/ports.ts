import type { DomainEvent } from '../../shared/events/define-event.js';
import type { CursorCodec, PageKey } from '../../shared/pagination.js';
import type { Category, CountedCategory } from '../domain/category.js';
import type { Product } from '../domain/product.js';
import type { BrowseOrder, ProductFilters, QueryWord, WordHit } from '../domain/search.js';

export interface ProductListing {
  readonly items: readonly Product[];
  /** Where the next page starts; absent on the last page. */
  readonly next?: PageKey;
}

/** A listing without a query: one browse order, forwards or backwards, filtered. */
export interface BrowseQuery {
  readonly order: BrowseOrder;
  readonly descending: boolean;
  readonly filters: ProductFilters;
  readonly limit: number;
  readonly after?: PageKey;
}

/**
 * The catalog's products, with the index that finds them (domain/search.ts).
 * Every write stores its events in the same transaction (the outbox), and
 * keeps the index and the category's product count with it, so a change, its
 * events and what search and listings show of it exist together or not at all.
 */
export interface ProductStore {
  get(sku: string): Promise<Product | undefined>;
  /** The products among `skus` that exist, in no particular order. */
  getMany(skus: readonly string[]): Promise<Product[]>;
  /**
   * Products in a browse order (`browseKey`), filtered. A page may hold fewer
   * than `limit` products and still have a `next`: the filters are applied to
   * a bounded number of products per page.
   */
  browse(query: BrowseQuery): Promise<ProductListing>;
  /** Every indexed word of every product that `word` matches, with what ranking and filters need. */
  wordHits(word: QueryWord): Promise<WordHit[]>;
  /** @throws SkuTakenError, UnknownCategoryError */
  create(product: Product, events: readonly DomainEvent[]): Promise<void>;
  /** Writes only if the stored version is still `expectedVersion`. @throws ProductChangedConcurrentlyError, UnknownCategoryError */
  replace(product: Product, expectedVersion: number, events: readonly DomainEvent[]): Promise<void>;
  /**
   * Records whether the product is in stock, if `stockVersion` is newer than
   * the one recorded; resolves with whether it did. A missing product is no error.
   */
  setStockStatus(sku: string, inStock: boolean, stockVersion: number): Promise<boolean>;
  /**
   * Indexes the product again with its category's current name (after a
   * rename). Resolves with whether the index changed; a missing product is no error.
   */
  reindex(sku: string): Promise<boolean>;
  /** @throws ProductChangedConcurrentlyError when it changed or vanished since it was read */
  delete(sku: string, expectedVersion: number, events: readonly DomainEvent[]): Promise<void>;
}

export interface CategoryStore {
  /** @throws CategoryTakenError */
  create(category: Category): Promise<void>;
  get(id: string): Promise<CountedCategory | undefined>;
  /** Every category, ordered by id. */
  list(): Promise<Category[]>;
  /** Renames it, with `events`. @throws CategoryNotFoundError */
  rename(id: string, name: string, events: readonly DomainEvent[]): Promise<void>;
  /** @throws CategoryNotFoundError, CategoryInUseError while a product is in it */
  delete(id: string): Promise<void>;
}

export interface CatalogDependencies {
  readonly products: ProductStore;
  readonly categories: CategoryStore;
  readonly cursors: CursorCodec;
  readonly clock: () => Date;
}
