import { InvalidCursorError } from '../../shared/errors.js';
import type { Page, PageKey } from '../../shared/pagination.js';
import type { ProductQuery, ProductView } from '../contracts/schemas.js';
import type { Sort } from '../contracts/vocabulary.js';
import {
  browseOrderOf,
  matchAll,
  type ProductFilters,
  pageOfResults,
  type QueryWord,
  queryWords,
  type SearchPosition,
} from '../domain/search.js';
import type { CatalogDependencies } from './ports.js';
import { toProductView } from './product-view.js';

type Deps = Pick<CatalogDependencies, 'products' | 'cursors'>;

/** A cursor is valid only for the query that issued it: the words searched, the filters and the sort. */
const scopeOf = (words: readonly QueryWord[] | undefined, filters: ProductFilters, sort: Sort) =>
  `products?${new URLSearchParams({
    q: words?.map(({ word, prefix }) => `${word}${prefix ? '*' : ''}`).join(' ') ?? '',
    category: filters.category ?? '',
    minPrice: String(filters.minPrice ?? ''),
    maxPrice: String(filters.maxPrice ?? ''),
    inStock: String(filters.inStock ?? ''),
    sort,
  })}`;

const positionOf = (key: PageKey): SearchPosition => {
  if (typeof key.score !== 'number' || typeof key.key !== 'string') throw new InvalidCursorError();
  return { score: key.score, key: key.key };
};

/**
 * `GET /products`. With `q`, a search: every word of the query must match a
 * word of the product's name, category or description (the last also as a
 * prefix), ranked by where they match unless another sort is asked for.
 * Without, a listing in the sort's order. Filters combine with either.
 */
export const listProducts = async (deps: Deps, query: ProductQuery): Promise<Page<ProductView>> => {
  const { q, limit, cursor } = query;
  const filters: ProductFilters = {
    ...(query.category !== undefined ? { category: query.category } : {}),
    ...(query.minPrice !== undefined ? { minPrice: query.minPrice } : {}),
    ...(query.maxPrice !== undefined ? { maxPrice: query.maxPrice } : {}),
    ...(query.inStock !== undefined ? { inStock: query.inStock } : {}),
  };
  const words = q === undefined ? undefined : queryWords(q);
  const sort: Sort = query.sort ?? (words ? 'relevance' : 'newest');
  const scope = scopeOf(words, filters, sort);
  const after = cursor === undefined ? undefined : await deps.cursors.decode(cursor, scope);
  if (words) return search(deps, { words, filters, sort, limit, after, scope });
  if (sort === 'relevance') throw new Error('relevance needs a query; the route refuses it');
  const listing = await deps.products.browse({
    ...browseOrderOf(sort),
    filters,
    limit,
    ...(after ? { after } : {}),
  });
  return {
    items: listing.items.map(toProductView),
    nextCursor: listing.next ? await deps.cursors.encode(listing.next, scope) : null,
  };
};

const search = async (
  { products, cursors }: Deps,
  request: {
    words: QueryWord[];
    filters: ProductFilters;
    sort: Sort;
    limit: number;
    after: PageKey | undefined;
    scope: string;
  },
): Promise<Page<ProductView>> => {
  const { words, filters, sort, limit, after, scope } = request;
  const index = await products.searchIndex();
  const page = pageOfResults(
    matchAll(
      words,
      words.map((word) => index.hits(word)),
      filters,
    ),
    sort,
    limit,
    after === undefined ? undefined : positionOf(after),
  );
  return {
    items: page.entries.flatMap(({ entry }) => {
      const product = index.get(entry.sku);
      return product ? [toProductView(product)] : [];
    }),
    nextCursor: page.next ? await cursors.encode({ ...page.next }, scope) : null,
  };
};
