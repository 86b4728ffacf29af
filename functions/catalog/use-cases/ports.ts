import type { DomainEvent } from '../../shared/events/define-event.js';
import type { CursorCodec, PageKey } from '../../shared/pagination.js';
import type { SearchIndex } from '../domain/catalog-index.js';
import type { Category, CountedCategory } from '../domain/category.js';
import type { Product } from '../domain/product.js';
import type { BrowseOrder, ProductFilters } from '../domain/search.js';

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
 * The catalog's products, with the listings and the search index that find
 * them. Every write stores its events in the same transaction (the outbox),
 * and keeps the listings, what search reads and the category's product count
 * with it, so a change, its events and what search and listings show of it
 * exist together or not at all.
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
  /**
   * The search index (domain/catalog-index.ts), with every write made before
   * the call: what a search reads its words' hits and its page's products from.
   */
  searchIndex(): Promise<SearchIndex>;
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
