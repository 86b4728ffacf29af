import type { Product } from './product.js';
import {
  indexedWords,
  matchesWord,
  type QueryWord,
  type SearchEntry,
  searchEntry,
  type WordHit,
} from './search.js';

/**
 * One change of what search sees, in the order the catalog made them: a
 * product as it now is (with its category's name when the write knew it), a
 * product gone, or a category renamed. The DynamoDB store logs one per write,
 * in the write's transaction; an index that applies them in order is the
 * catalog as it was after the last one.
 */
export type CatalogChange =
  | { readonly kind: 'product'; readonly product: Product; readonly categoryName?: string }
  | { readonly kind: 'deleted'; readonly sku: string }
  | { readonly kind: 'category'; readonly id: string; readonly name: string };

/** What a search reads: each query word's hits, then the page's products. */
export interface SearchIndex {
  /** Every indexed word of every product that `word` matches, with what ranking and filters need. */
  hits(word: QueryWord): WordHit[];
  get(sku: string): Product | undefined;
}

interface Indexed {
  readonly product: Product;
  readonly entry: SearchEntry;
  readonly words: Readonly<Record<string, number>>;
}

/**
 * The catalog's products indexed by their words (`indexedWords`), in memory:
 * word → the skus it is a word of. A product's words are made from its
 * category's current name, so a rename shows at once. Pure: it is built from
 * changes (`apply`), whoever reads them.
 */
export class CatalogIndex implements SearchIndex {
  private readonly products = new Map<string, Indexed>();
  private readonly postings = new Map<string, Set<string>>();
  private readonly categoryNames = new Map<string, string>();

  get size(): number {
    return this.products.size;
  }

  apply(change: CatalogChange): void {
    switch (change.kind) {
      case 'product':
        // A name the index did not know yet is a rename for the category's other products.
        if (change.categoryName !== undefined) {
          this.apply({ kind: 'category', id: change.product.category, name: change.categoryName });
        }
        this.put(change.product);
        return;
      case 'deleted':
        this.remove(change.sku);
        return;
      case 'category':
        if (this.categoryNames.get(change.id) === change.name) return;
        this.categoryNames.set(change.id, change.name);
        for (const { product } of [...this.products.values()]) {
          if (product.category === change.id) this.put(product);
        }
    }
  }

  hits(query: QueryWord): WordHit[] {
    const found: WordHit[] = [];
    const words = query.prefix
      ? [...this.postings.keys()].filter((word) => matchesWord(query, word))
      : [query.word];
    for (const word of words) {
      for (const sku of this.postings.get(word) ?? []) {
        const indexed = this.products.get(sku);
        const fields = indexed?.words[word];
        if (indexed && fields !== undefined) found.push({ word, fields, entry: indexed.entry });
      }
    }
    return found;
  }

  get(sku: string): Product | undefined {
    return this.products.get(sku)?.product;
  }

  private put(product: Product): void {
    this.remove(product.sku);
    const words = indexedWords(product, this.categoryNames.get(product.category) ?? '');
    this.products.set(product.sku, { product, entry: searchEntry(product), words });
    for (const word of Object.keys(words)) {
      const skus = this.postings.get(word) ?? new Set<string>();
      skus.add(product.sku);
      this.postings.set(word, skus);
    }
  }

  private remove(sku: string): void {
    const indexed = this.products.get(sku);
    if (!indexed) return;
    this.products.delete(sku);
    for (const word of Object.keys(indexed.words)) {
      const skus = this.postings.get(word);
      skus?.delete(sku);
      if (skus?.size === 0) this.postings.delete(word);
    }
  }
}
