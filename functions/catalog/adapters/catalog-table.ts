import type { BrowseOrder, SearchEntry } from '../domain/search.js';
import { browseKey } from '../domain/search.js';

/**
 * The catalog table's design, shared by the adapter and the CDK construct so
 * the two cannot drift apart. One table, generic keys:
 *
 * | item     | pk                        | sk                | holds                                |
 * |----------|---------------------------|-------------------|--------------------------------------|
 * | product  | PRODUCT#<sku>             | PRODUCT           | the product, its indexed `words`     |
 * | category | CATEGORY#<id>             | CATEGORY          | the category, `productCount`; `kind`, `listKey` for `byKind` |
 * | listing  | LIST#<scope>#<order>      | browseKey(order)  | a copy of the product                |
 * | word     | WORD#<first two letters>  | <word>#<sku>      | the word's fields and the product's SearchEntry, in short names |
 * | outbox   | OUTBOX#<eventId>          | OUTBOX            |                                      |
 *
 * A listing item exists per product for each scope (`all`, and `c:<category>`)
 * and each browse order (`newest`, `name`, `price`): a page of any listing is
 * one Query of one partition, in order, filters applied to what it reads.
 * A word item exists per indexed word of a product (domain/search.ts): a
 * query word is one Query of its two letters' partition, by sort key prefix.
 * Every product write rewrites its listing and word items in its transaction.
 *
 * `byKind` lists the categories in id order. Only category items carry `kind`.
 */
export const CatalogTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byKind: { name: 'byKind', partitionKey: 'kind', sortKey: 'listKey' },
  },
} as const;

export const PRODUCT_SK = 'PRODUCT';
export const CATEGORY_SK = 'CATEGORY';
export const productKey = (sku: string) => ({ pk: `PRODUCT#${sku}`, sk: PRODUCT_SK });
export const categoryKey = (id: string) => ({ pk: `CATEGORY#${id}`, sk: CATEGORY_SK });

export const BROWSE_ORDERS: readonly BrowseOrder[] = ['newest', 'name', 'price'];

/** The listing partition of a scope (every product, or one category's) and an order. */
export const listingPartition = (category: string | undefined, order: BrowseOrder) =>
  `LIST#${category === undefined ? 'all' : `c:${category}`}#${order}`;

/** The keys of a product's listing items. */
export const listingKeys = (entry: SearchEntry) =>
  [undefined, entry.category].flatMap((scope) =>
    BROWSE_ORDERS.map((order) => ({ pk: listingPartition(scope, order), sk: browseKey(order, entry) })),
  );

/** The partition of the words that start with `word`'s first two letters. */
export const wordPartition = (word: string) => `WORD#${[...word].slice(0, 2).join('')}`;
export const wordKey = (word: string, sku: string) => ({ pk: wordPartition(word), sk: `${word}#${sku}` });
