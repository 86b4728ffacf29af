import type { Sort } from '../contracts/vocabulary.js';
import type { Product } from './product.js';

/**
 * How the catalog finds products: the words it indexes, how a query is read,
 * which products match it and in what order. Pure: the DynamoDB store keeps
 * the index these functions describe (docs/architecture.md, "Catalog search"),
 * and the in-memory twin computes the same answers from the same functions.
 */

/** Where a word was found in a product: bits of a mask. */
export const FIELD = { name: 1, category: 2, description: 4 } as const;

/** Words shorter than this are neither indexed nor searched. */
export const MIN_WORD_LENGTH = 2;
/** Longer words are cut to this length, in the index and in queries alike. */
export const MAX_WORD_LENGTH = 40;
/**
 * The distinct words indexed per product: its name's first, then its
 * category's, then its description's, until there are this many. It bounds the
 * index items one product write touches (a transaction holds 100 items).
 */
export const MAX_INDEXED_WORDS = 40;
/** The distinct words of a query that are searched (the last one always among them). */
export const MAX_QUERY_WORDS = 8;
/**
 * Names sort on the first this many characters of their words (then on the
 * sku): every word item of a product carries it, so it is kept short.
 */
export const NAME_KEY_LENGTH = 24;

/** Too common to tell products apart: not indexed, and left out of queries (but as the last, a prefix). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'an and are as at be by for from in is it of on or the to with'.split(' '),
);

/** Lower case, accents and other marks removed: "Crème Brûlée" and "creme brulee" are the same words. */
export const normalize = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The words of a text, normalized, cut to MAX_WORD_LENGTH, in order, repeats included. */
export const wordsOf = (text: string): string[] =>
  (normalize(text).match(/[\p{L}\p{N}]+/gu) ?? []).map((word) =>
    [...word].slice(0, MAX_WORD_LENGTH).join(''),
  );

const indexable = (word: string) => [...word].length >= MIN_WORD_LENGTH && !STOP_WORDS.has(word);

/** The words a product is found by, each with the fields it appears in; at most MAX_INDEXED_WORDS. */
export const indexedWords = (
  product: Pick<Product, 'name' | 'description'>,
  categoryName: string,
): Record<string, number> => {
  const words = new Map<string, number>();
  const sources: [string, number][] = [
    [product.name, FIELD.name],
    [categoryName, FIELD.category],
    [product.description, FIELD.description],
  ];
  for (const [text, field] of sources) {
    for (const word of wordsOf(text).filter(indexable)) {
      const fields = words.get(word);
      if (fields !== undefined) words.set(word, fields | field);
      else if (words.size < MAX_INDEXED_WORDS) words.set(word, field);
    }
  }
  return Object.fromEntries(words);
};

/** What ranking, filters and sorts need of a product: the index keeps it beside each word. */
export interface SearchEntry {
  readonly sku: string;
  readonly category: string;
  /** Price in minor units. */
  readonly price: number;
  readonly inStock: boolean;
  /** The name's words, for sorting by name. */
  readonly nameKey: string;
  readonly createdAt: string;
}

export const searchEntry = (product: Product): SearchEntry => ({
  sku: product.sku,
  category: product.category,
  price: product.price.amount,
  inStock: product.inStock,
  nameKey: [...wordsOf(product.name).join(' ')].slice(0, NAME_KEY_LENGTH).join(''),
  createdAt: product.createdAt,
});

/** The orders a listing without a query can be read in: each index holds one. */
export type BrowseOrder = 'newest' | 'name' | 'price';

/**
 * An entry's place in a browse order, as a string that sorts like the order
 * (byte-wise, as DynamoDB compares sort keys). The sku ends each key, so keys are unique.
 * Names end with a space, below every character a name's words are made of:
 * "ab" sorts before "ab cd", which sorts before "abc".
 */
export const browseKey = (order: BrowseOrder, entry: SearchEntry): string => {
  switch (order) {
    case 'newest':
      return `${entry.createdAt}#${entry.sku}`;
    case 'name':
      return `${entry.nameKey.replaceAll(' ', '!')} ${entry.sku}`;
    case 'price':
      return `${String(entry.price).padStart(12, '0')}#${entry.sku}`;
  }
};

/** How a sort reads its browse order: `newest` and `-price` read it backwards. */
export const browseOrderOf = (
  sort: Exclude<Sort, 'relevance'>,
): { order: BrowseOrder; descending: boolean } => {
  switch (sort) {
    case 'newest':
      return { order: 'newest', descending: true };
    case 'name':
      return { order: 'name', descending: false };
    case 'price':
      return { order: 'price', descending: false };
    case '-price':
      return { order: 'price', descending: true };
  }
};

/** Compares strings as DynamoDB compares sort keys: by their UTF-8 bytes, which is by code points. */
export const compareKeys = (a: string, b: string): number => {
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
};

export interface ProductFilters {
  readonly category?: string;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly inStock?: boolean;
}

export const passesFilters = (entry: SearchEntry, filters: ProductFilters): boolean =>
  (filters.category === undefined || entry.category === filters.category) &&
  (filters.minPrice === undefined || entry.price >= filters.minPrice) &&
  (filters.maxPrice === undefined || entry.price <= filters.maxPrice) &&
  (filters.inStock === undefined || entry.inStock === filters.inStock);

/** A word of a query: matched exactly, or (the last word typed) also as the start of a word. */
export interface QueryWord {
  readonly word: string;
  readonly prefix: boolean;
}

/**
 * The words of a query that are searched. Every one must match (AND). The last
 * word typed is also a prefix ("dat" finds "data"). Stop words and one-letter
 * words are left out, except a last word that is a stop word, searched as a
 * prefix only ("the" may be the start of "theatre"). At most MAX_QUERY_WORDS:
 * the first ones, and the last.
 */
export const queryWords = (q: string): QueryWord[] => {
  const words = wordsOf(q).filter((word) => [...word].length >= MIN_WORD_LENGTH);
  const last = words.at(-1);
  if (last === undefined) return [];
  const whole = [...new Set(words.slice(0, -1).filter(indexable))].filter((word) => word !== last);
  return [
    ...whole.slice(0, MAX_QUERY_WORDS - 1).map((word) => ({ word, prefix: false })),
    { word: last, prefix: true },
  ];
};

/** One indexed word of one product that a query word matches. */
export interface WordHit {
  /** The indexed word. */
  readonly word: string;
  /** The fields it is in (FIELD bits). */
  readonly fields: number;
  readonly entry: SearchEntry;
}

export const matchesWord = (query: QueryWord, word: string): boolean =>
  word === query.word || (query.prefix && word.startsWith(query.word));

/** How much one matching word counts: in the name most, then the category, then the description; whole words more than prefixes. */
const weightOf = (query: QueryWord, hit: WordHit): number => {
  const field =
    hit.fields & FIELD.name ? 6 : hit.fields & FIELD.category ? 4 : hit.fields & FIELD.description ? 2 : 0;
  return field + (hit.word === query.word ? 1 : 0);
};

export interface RankedEntry {
  readonly entry: SearchEntry;
  readonly score: number;
}

/**
 * The products every query word matches (`hits[i]` are the matches of word
 * i), with the filters applied, each scored by its best match of each word.
 */
export const matchAll = (
  words: readonly QueryWord[],
  hits: readonly (readonly WordHit[])[],
  filters: ProductFilters,
): RankedEntry[] => {
  if (words.length === 0) return [];
  const scores = new Map<string, { entry: SearchEntry; perWord: number[] }>();
  words.forEach((query, index) => {
    for (const hit of hits[index] ?? []) {
      if (!matchesWord(query, hit.word) || !passesFilters(hit.entry, filters)) continue;
      const found = scores.get(hit.entry.sku) ?? { entry: hit.entry, perWord: words.map(() => 0) };
      found.perWord[index] = Math.max(found.perWord[index] ?? 0, weightOf(query, hit));
      scores.set(hit.entry.sku, found);
    }
  });
  return [...scores.values()]
    .filter(({ perWord }) => perWord.every((weight) => weight > 0))
    .map(({ entry, perWord }) => ({ entry, score: perWord.reduce((sum, weight) => sum + weight, 0) }));
};

/** Where a page of search results ends: the last result's score (by relevance) and key. */
export interface SearchPosition {
  readonly score: number;
  readonly key: string;
}

/** The key a search result sorts by, ties included. */
const positionOf = (sort: Sort, { entry, score }: RankedEntry): SearchPosition =>
  sort === 'relevance'
    ? { score, key: browseKey('newest', entry) }
    : { score: 0, key: browseKey(browseOrderOf(sort).order, entry) };

/** Orders positions as `sort` lists them: by relevance, the best first and, among equals, the newest. */
const comparePositions = (sort: Sort, a: SearchPosition, b: SearchPosition): number => {
  if (sort === 'relevance') return b.score - a.score || compareKeys(b.key, a.key);
  const byKey = compareKeys(a.key, b.key);
  return browseOrderOf(sort).descending ? -byKey : byKey;
};

/** One page of ranked results, sorted, starting after `after`; `next` is where the page ends when more follow. */
export const pageOfResults = (
  ranked: readonly RankedEntry[],
  sort: Sort,
  limit: number,
  after?: SearchPosition,
): { entries: RankedEntry[]; next?: SearchPosition } => {
  const sorted = ranked
    .map((result) => ({ result, position: positionOf(sort, result) }))
    .filter(({ position }) => after === undefined || comparePositions(sort, position, after) > 0)
    .sort((a, b) => comparePositions(sort, a.position, b.position));
  const page = sorted.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(({ result }) => result),
    ...(sorted.length > limit && last ? { next: last.position } : {}),
  };
};
