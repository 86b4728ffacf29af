import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  batchGetAll,
  conditionFailedAt,
  outboxPuts,
  queryAll,
  transactWrite,
  whenConditionHolds,
} from '../../shared/dynamodb.js';
import type { DomainEvent } from '../../shared/events/define-event.js';
import type { PageKey } from '../../shared/pagination.js';
import type { Category, CountedCategory } from '../domain/category.js';
import {
  CategoryInUseError,
  CategoryNotFoundError,
  CategoryTakenError,
  ProductChangedConcurrentlyError,
  SkuTakenError,
  UnknownCategoryError,
} from '../domain/errors.js';
import type { Product } from '../domain/product.js';
import { indexedWords, type SearchEntry, sameWords, searchEntry, type WordHit } from '../domain/search.js';
import type { CategoryStore, ProductListing, ProductStore } from '../use-cases/ports.js';
import {
  CATEGORY_SK,
  CatalogTable,
  categoryKey,
  listingKeys,
  listingPartition,
  productKey,
  wordKey,
  wordPartition,
} from './catalog-table.js';

type Words = Record<string, number>;
type Key = { pk: string; sk: string };
type ProductItem = Product & Key & { words?: Words };
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A product as stored: with the words its index holds. */
interface Stored {
  readonly product: Product;
  readonly words: Words;
}

const toProduct = ({ pk: _pk, sk: _sk, words: _words, ...product }: ProductItem): Product => product;

/** A word item: short attribute names and values, since a query reads every item of a word (about 70 bytes each). */
type WordItem = Key & {
  /** FIELD bits */
  readonly f: number;
  readonly c: string;
  readonly p: number;
  readonly s: boolean;
  readonly n: string;
  /** Created at, in epoch milliseconds. */
  readonly t: number;
};

const wordItem = (word: string, fields: number, entry: SearchEntry): WordItem => ({
  ...wordKey(word, entry.sku),
  f: fields,
  c: entry.category,
  p: entry.price,
  s: entry.inStock,
  n: entry.nameKey,
  t: Date.parse(entry.createdAt),
});

const toWordHit = ({ sk, f, c, p, s, n, t }: WordItem): WordHit => {
  const split = sk.lastIndexOf('#');
  return {
    word: sk.slice(0, split),
    fields: f,
    entry: {
      sku: sk.slice(split + 1),
      category: c,
      price: p,
      inStock: s,
      nameKey: n,
      createdAt: new Date(t).toISOString(),
    },
  };
};

/** Filters beyond a page's listing partition read at most this many items per Query... */
const BROWSE_READ = 100;
/** ...and at most this many Queries fill one page; a page may then be short, with a `next`. */
const BROWSE_QUERIES = 5;
/** A product write retried when the category's name changed under it (a rename between read and write). */
const CATEGORY_ATTEMPTS = 3;

const keyId = ({ pk, sk }: Key) => `${pk}\n${sk}`;

/**
 * The listing and word items a product's change puts and deletes: every item
 * of `after` is put (what they copy may have changed); those of `before` that
 * `after` has no more are deleted.
 */
export const indexWrites = (tableName: string, before: Stored | undefined, after: Stored | undefined) => {
  const puts: Record<string, unknown>[] = [];
  if (after) {
    const entry = searchEntry(after.product);
    for (const key of listingKeys(entry)) puts.push({ ...key, ...after.product });
    for (const [word, fields] of Object.entries(after.words)) puts.push(wordItem(word, fields, entry));
  }
  const kept = new Set(puts.map((item) => keyId(item as Key)));
  const deletes = before
    ? [
        ...listingKeys(searchEntry(before.product)),
        ...Object.keys(before.words).map((word) => wordKey(word, before.product.sku)),
      ].filter((key) => !kept.has(keyId(key)))
    : [];
  return [
    ...puts.map((Item): TransactItem => ({ Put: { TableName: tableName, Item } })),
    ...deletes.map((Key): TransactItem => ({ Delete: { TableName: tableName, Key } })),
  ];
};

/**
 * Every item a product is stored as, with the index a product write keeps:
 * for loading a catalog in bulk (the bench) exactly as the writes lay it out.
 */
export const productItems = (product: Product, categoryName: string): Record<string, unknown>[] => {
  const words = indexedWords(product, categoryName);
  return [
    { ...productKey(product.sku), ...product, words },
    ...indexWrites('', undefined, { product, words }).flatMap((write) =>
      write.Put?.Item ? [write.Put.Item] : [],
    ),
  ];
};

export const dynamoProductStore = (db: DynamoDBDocumentClient, tableName: string): ProductStore => {
  const readStored = async (sku: string): Promise<Stored | undefined> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: productKey(sku), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const item = Item as ProductItem;
    return { product: toProduct(item), words: item.words ?? {} };
  };

  const categoryName = async (id: string): Promise<string> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: categoryKey(id), ConsistentRead: true }),
    );
    if (!Item) throw new UnknownCategoryError(id);
    return (Item as Category).name;
  };

  /** The category's item in a product's transaction: its count moved by `delta`, its name still `name`. */
  const categoryItem = (id: string, name: string, delta: number): TransactItem => {
    const condition = {
      ConditionExpression: 'attribute_exists(pk) AND #name = :name',
      ExpressionAttributeNames: { '#name': 'name' },
    };
    return delta === 0
      ? {
          ConditionCheck: {
            TableName: tableName,
            Key: categoryKey(id),
            ...condition,
            ExpressionAttributeValues: { ':name': name },
          },
        }
      : {
          Update: {
            TableName: tableName,
            Key: categoryKey(id),
            UpdateExpression: 'ADD productCount :delta',
            ...condition,
            ExpressionAttributeValues: { ':name': name, ':delta': delta },
          },
        };
  };

  /** The count of the category a product left: it exists while the product is in it. */
  const leftCategory = (id: string): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: categoryKey(id),
      UpdateExpression: 'ADD productCount :minus',
      ExpressionAttributeValues: { ':minus': -1 },
    },
  });

  /**
   * Writes a product (or deletes it) with its index, its categories' counts
   * and its events in one transaction. Item 0 is the product under
   * `condition`; item 1, when the product has a category to index, checks the
   * category still has the name its words were made from: a rename between
   * the read and the write is retried with the new name, a deleted category refused.
   */
  const write = async (change: {
    before?: Stored;
    after?: Product;
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> };
    events: readonly DomainEvent[];
    onConflict: () => Error;
    /** The words of `after` as they are: no category name to read (a stock status change). */
    keepWords?: Words;
  }): Promise<Words | undefined> => {
    const { before, after, condition, events, onConflict, keepWords } = change;
    for (let attempt = 1; ; attempt++) {
      const name = after && !keepWords ? await categoryName(after.category) : undefined;
      const words = after ? (keepWords ?? indexedWords(after, name ?? '')) : undefined;
      const target: Stored | undefined = after && words ? { product: after, words } : undefined;
      const moved = before && after && before.product.category !== after.category;
      const categories: TransactItem[] = [];
      if (after && name !== undefined) {
        categories.push(categoryItem(after.category, name, before && !moved ? 0 : 1));
      }
      if (before && (!after || moved)) categories.push(leftCategory(before.product.category));
      const productItem: TransactItem = after
        ? { Put: { TableName: tableName, Item: { ...productKey(after.sku), ...after, words }, ...condition } }
        : { Delete: { TableName: tableName, Key: productKey(before?.product.sku ?? ''), ...condition } };
      try {
        // Products of one category share its item: their writes may conflict, and are tried again.
        await transactWrite(db, [
          productItem,
          ...categories,
          ...indexWrites(tableName, before, target),
          ...outboxPuts(tableName, events),
        ]);
        return words;
      } catch (error) {
        if (conditionFailedAt(error, 0)) throw onConflict();
        if (after && name !== undefined && conditionFailedAt(error, 1)) {
          // Gone: refused; renamed: its words are made again from the new name.
          if ((await categoryName(after.category)) && attempt < CATEGORY_ATTEMPTS) continue;
          throw onConflict();
        }
        throw error;
      }
    }
  };

  const atVersion = (version: number) => ({
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': version },
  });

  /** The stored product at `expectedVersion`, or the store's conflict when it is not. */
  const storedAt = async (sku: string, expectedVersion: number): Promise<Stored> => {
    const before = await readStored(sku);
    if (before?.product.version !== expectedVersion) throw new ProductChangedConcurrentlyError(sku);
    return before;
  };

  /**
   * Writes a product again as `change` decides from it as it is now (nothing
   * when it decides nothing, or the product is gone), with no events; read
   * again when it changed under the write, a few times. Resolves with whether it wrote.
   */
  const rewrite = async (
    sku: string,
    change: (before: Stored) => Promise<{ after: Product; keepWords?: Words } | undefined>,
  ): Promise<boolean> => {
    for (let attempt = 0; attempt < CATEGORY_ATTEMPTS; attempt++) {
      const before = await readStored(sku);
      const decided = before && (await change(before));
      if (!before || !decided) return false;
      try {
        await write({
          before,
          ...decided,
          condition: atVersion(before.product.version),
          events: [],
          onConflict: () => new ProductChangedConcurrentlyError(sku),
        });
        return true;
      } catch (error) {
        if (!(error instanceof ProductChangedConcurrentlyError)) throw error;
      }
    }
    throw new ProductChangedConcurrentlyError(sku);
  };

  return {
    get: async (sku) => (await readStored(sku))?.product,

    getMany: async (skus) =>
      (await batchGetAll<ProductItem>(db, tableName, skus.map(productKey))).map(toProduct),

    async browse({ order, descending, filters, limit, after }): Promise<ProductListing> {
      const { category, minPrice, maxPrice, inStock } = filters;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':partition': listingPartition(category, order) };
      let keyCondition = 'pk = :partition';
      const filtersOn: string[] = [];
      const priceRange = minPrice !== undefined || maxPrice !== undefined;
      if (priceRange && order === 'price') {
        // The sort key starts with the price: the range is a key condition, read and paid for alone.
        keyCondition += ' AND sk BETWEEN :low AND :high';
        values[':low'] = `${String(minPrice ?? 0).padStart(12, '0')}#`;
        values[':high'] = `${String(maxPrice ?? 999_999_999_999).padStart(12, '0')}$`;
      } else if (priceRange) {
        names['#price'] = 'price';
        names['#amount'] = 'amount';
        if (minPrice !== undefined) {
          filtersOn.push('#price.#amount >= :min');
          values[':min'] = minPrice;
        }
        if (maxPrice !== undefined) {
          filtersOn.push('#price.#amount <= :max');
          values[':max'] = maxPrice;
        }
      }
      if (inStock !== undefined) {
        filtersOn.push('inStock = :inStock');
        values[':inStock'] = inStock;
      }
      const found: ProductItem[] = [];
      let start: Record<string, unknown> | undefined = after;
      for (let query = 0; query < BROWSE_QUERIES && found.length <= limit; query++) {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: keyCondition,
            ...(filtersOn.length > 0 ? { FilterExpression: filtersOn.join(' AND ') } : {}),
            ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: values,
            ScanIndexForward: !descending,
            Limit: filtersOn.length > 0 ? BROWSE_READ : limit + 1 - found.length,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        found.push(...((page.Items ?? []) as ProductItem[]));
        start = page.LastEvaluatedKey;
        if (!start) break;
      }
      const items = found.slice(0, limit);
      const last = items.at(-1);
      const next: PageKey | undefined =
        found.length > limit && last ? { pk: last.pk, sk: last.sk } : (start as PageKey | undefined);
      return { items: items.map(toProduct), ...(next ? { next } : {}) };
    },

    async wordHits({ word, prefix }) {
      const items = await queryAll<WordItem>(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :partition AND begins_with(sk, :word)',
        ExpressionAttributeValues: { ':partition': wordPartition(word), ':word': prefix ? word : `${word}#` },
      });
      return items.map(toWordHit);
    },

    async create(product, events) {
      await write({
        after: product,
        condition: { ConditionExpression: 'attribute_not_exists(pk)' },
        events,
        onConflict: () => new SkuTakenError(product.sku),
      });
    },

    async replace(product, expectedVersion, events) {
      await write({
        before: await storedAt(product.sku, expectedVersion),
        after: product,
        condition: atVersion(expectedVersion),
        events,
        onConflict: () => new ProductChangedConcurrentlyError(product.sku),
      });
    },

    setStockStatus: (sku, inStock, stockVersion) =>
      rewrite(sku, async ({ product, words }) =>
        product.stockVersion >= stockVersion
          ? undefined
          : // The version moves too, so an admin edit read before this one cannot overwrite it.
            { after: { ...product, inStock, stockVersion, version: product.version + 1 }, keepWords: words },
      ),

    reindex: (sku) =>
      rewrite(sku, async ({ product, words }) =>
        sameWords(indexedWords(product, await categoryName(product.category)), words)
          ? undefined
          : { after: { ...product, version: product.version + 1 } },
      ),

    async delete(sku, expectedVersion, events) {
      await write({
        before: await storedAt(sku, expectedVersion),
        condition: atVersion(expectedVersion),
        events,
        onConflict: () => new ProductChangedConcurrentlyError(sku),
      });
    },
  };
};

type CategoryItem = Category & Key & { kind: 'CATEGORY'; listKey: string; productCount?: number };

const toCategory = ({ id, name, createdAt }: CategoryItem): Category => ({ id, name, createdAt });

/** A category as stored, with the products in it counted; `byKind` lists it. */
export const categoryItem = (category: Category, productCount = 0): CategoryItem => ({
  ...categoryKey(category.id),
  kind: CATEGORY_SK,
  listKey: category.id,
  ...category,
  productCount,
});

export const dynamoCategoryStore = (db: DynamoDBDocumentClient, tableName: string): CategoryStore => ({
  async create(category) {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: categoryItem(category),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new CategoryTakenError(category.id);
      throw error;
    }
  },

  async get(id): Promise<CountedCategory | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: categoryKey(id) }));
    if (!Item) return undefined;
    const item = Item as CategoryItem;
    return { ...toCategory(item), productCount: item.productCount ?? 0 };
  },

  async list() {
    const items = await queryAll<CategoryItem>(db, {
      TableName: tableName,
      IndexName: CatalogTable.indexes.byKind.name,
      KeyConditionExpression: 'kind = :kind',
      ExpressionAttributeValues: { ':kind': CATEGORY_SK },
    });
    return items.map(toCategory);
  },

  async rename(id, name, events) {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: categoryKey(id),
                UpdateExpression: 'SET #name = :name',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#name': 'name' },
                ExpressionAttributeValues: { ':name': name },
              },
            },
            ...outboxPuts(tableName, events),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailedAt(error, 0)) throw new CategoryNotFoundError(id);
      throw error;
    }
  },

  async delete(id) {
    const deleted = await whenConditionHolds(
      db.send(
        new DeleteCommand({
          TableName: tableName,
          Key: categoryKey(id),
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(productCount) OR productCount = :zero)',
          ExpressionAttributeValues: { ':zero': 0 },
        }),
      ),
    );
    if (deleted) return;
    // Refused: say why, from the category as it is now.
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: categoryKey(id), ConsistentRead: true }),
    );
    if (!Item) throw new CategoryNotFoundError(id);
    throw new CategoryInUseError(id, (Item as CategoryItem).productCount ?? 0);
  },
});
