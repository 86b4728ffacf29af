import type { Product } from '../domain/product.js';
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
 * | sequence | CHANGES                   | SEQ               | `seq`: the number of the last change logged |
 * | change   | CHANGES                   | <seq, 12 digits>  | one CatalogChange (domain/catalog-index.ts), `expiresAt` |
 * | outbox   | OUTBOX#<eventId>          | OUTBOX            |                                      |
 *
 * A listing item exists per product for each scope (`all`, and `c:<category>`)
 * and each browse order (`newest`, `name`, `price`): a page of any listing is
 * one Query of one partition, in order, filters applied to what it reads.
 * Every product write rewrites its listing items in its transaction.
 *
 * The change log is what search reads: every write that changes what search
 * sees (a product's, a category's rename) takes the next number in its
 * transaction, conditional on the sequence being where it read it, so the
 * log has no gaps and its order is the order of the writes. A search index in
 * memory loads the `all` listing once, then reads the log from where it is
 * on each search: `SEQ` sorts after every change, so that one Query returns
 * the changes it lacks and the sequence they must reach.
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

/** A product item or a listing item, as read: the product with the item's keys. */
export type ProductItem = Product & { pk: string; sk: string; words?: unknown };
/** The product a product or listing item holds: without the keys, nor the `words` an earlier design stored. */
export const toProduct = ({ pk: _pk, sk: _sk, words: _words, ...product }: ProductItem): Product => product;

export const BROWSE_ORDERS: readonly BrowseOrder[] = ['newest', 'name', 'price'];

/** The listing partition of a scope (every product, or one category's) and an order. */
export const listingPartition = (category: string | undefined, order: BrowseOrder) =>
  `LIST#${category === undefined ? 'all' : `c:${category}`}#${order}`;

/** The keys of a product's listing items. */
export const listingKeys = (entry: SearchEntry) =>
  [undefined, entry.category].flatMap((scope) =>
    BROWSE_ORDERS.map((order) => ({ pk: listingPartition(scope, order), sk: browseKey(order, entry) })),
  );

export const CHANGES_PARTITION = 'CHANGES';
export const sequenceKey = { pk: CHANGES_PARTITION, sk: 'SEQ' } as const;
/** A change's sort key: its number, zero-padded, so that keys sort like numbers and before `SEQ`. */
export const changeSortKey = (seq: number) => String(seq).padStart(12, '0');
export const changeKey = (seq: number) => ({ pk: CHANGES_PARTITION, sk: changeSortKey(seq) });
