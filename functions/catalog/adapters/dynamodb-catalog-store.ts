import {
  batchGetAll,
  conditionFailedAt,
  outboxPuts,
  queryAll,
  transactWrite,
  whenConditionHolds,
} from '../../shared/dynamodb.js';
import {
  ConditionalCheckFailedException,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type TransactWriteCommandInput,
} from '../../shared/dynamodb-sdk.js';
import type { DomainEvent } from '../../shared/events/define-event.js';
import type { PageKey } from '../../shared/pagination.js';
import type { CatalogChange } from '../domain/catalog-index.js';
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
import { searchEntry } from '../domain/search.js';
import type { CategoryStore, ProductListing, ProductStore } from '../use-cases/ports.js';
import { changeLogSearchIndex, LOGGED_ITEMS, loggedWrite } from './catalog-change-log.js';
import {
  CATEGORY_SK,
  CatalogTable,
  categoryKey,
  listingKeys,
  listingPartition,
  type ProductItem,
  productKey,
  toProduct,
} from './catalog-table.js';

type Key = { pk: string; sk: string };
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Filters beyond a page's listing partition read at most this many items per Query... */
const BROWSE_READ = 100;
/** ...and at most this many Queries fill one page; a page may then be short, with a `next`. */
const BROWSE_QUERIES = 5;
/** A product write retried when the category's name changed under it (a rename between read and write). */
const CATEGORY_ATTEMPTS = 3;
/** Where a product write's own items sit in its transaction, after the change log's. */
const PRODUCT_ITEM = LOGGED_ITEMS;
const CATEGORY_ITEM = LOGGED_ITEMS + 1;

const keyId = ({ pk, sk }: Key) => `${pk}\n${sk}`;

/**
 * The listing items a product's change puts and deletes: every item of
 * `after` is put (what they copy may have changed); those of `before` that
 * `after` has no more are deleted.
 */
export const listingWrites = (tableName: string, before: Product | undefined, after: Product | undefined) => {
  const puts = after ? listingKeys(searchEntry(after)).map((key) => ({ ...key, ...after })) : [];
  const kept = new Set(puts.map(keyId));
  const deletes = before ? listingKeys(searchEntry(before)).filter((key) => !kept.has(keyId(key))) : [];
  return [
    ...puts.map((Item): TransactItem => ({ Put: { TableName: tableName, Item } })),
    ...deletes.map((Key): TransactItem => ({ Delete: { TableName: tableName, Key } })),
  ];
};

/**
 * Every item a product is stored as, with its listings: for loading a catalog
 * in bulk (the bench) exactly as the writes lay it out. Search loads it from
 * the listings, so a bulk load needs no change logged.
 */
export const productItems = (product: Product): Record<string, unknown>[] => [
  { ...productKey(product.sku), ...product },
  ...listingWrites('', undefined, product).flatMap((write) => (write.Put?.Item ? [write.Put.Item] : [])),
];

export const dynamoProductStore = (db: DynamoDBDocumentClient, tableName: string): ProductStore => {
  const readProduct = async (sku: string): Promise<Product | undefined> => {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: productKey(sku), ConsistentRead: true }),
    );
    return Item ? toProduct(Item as ProductItem) : undefined;
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
   * Writes a product (or deletes it) with its listings, its categories'
   * counts, its events and the change search reads (catalog-change-log.ts)
   * in one transaction. The product's item is under `condition`. Unless the
   * write keeps the category (a stock status change), the change carries the
   * category's name, and the category's item checks that it still has that
   * name: a rename between the read and the write is retried with the new
   * name, a deleted category refused.
   */
  const write = async (change: {
    before?: Product;
    after?: Product;
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> };
    events: readonly DomainEvent[];
    onConflict: () => Error;
    keepsCategory?: boolean;
  }): Promise<void> => {
    const { before, after, condition, events, onConflict, keepsCategory } = change;
    for (let attempt = 1; ; attempt++) {
      const name = after && !keepsCategory ? await categoryName(after.category) : undefined;
      const moved = before && after && before.category !== after.category;
      const categories: TransactItem[] = [];
      if (after && name !== undefined) {
        categories.push(categoryItem(after.category, name, before && !moved ? 0 : 1));
      }
      if (before && (!after || moved)) categories.push(leftCategory(before.category));
      const productItem: TransactItem = after
        ? { Put: { TableName: tableName, Item: { ...productKey(after.sku), ...after }, ...condition } }
        : { Delete: { TableName: tableName, Key: productKey(before?.sku ?? ''), ...condition } };
      const logged: CatalogChange = after
        ? { kind: 'product', product: after, ...(name !== undefined ? { categoryName: name } : {}) }
        : { kind: 'deleted', sku: before?.sku ?? '' };
      try {
        // Products of one category share its item, and every write takes the next change
        // number: their writes may conflict, and are tried again.
        await loggedWrite(db, tableName, logged, (log) =>
          transactWrite(db, [
            ...log,
            productItem,
            ...categories,
            ...listingWrites(tableName, before, after),
            ...outboxPuts(tableName, events),
          ]),
        );
        return;
      } catch (error) {
        if (conditionFailedAt(error, PRODUCT_ITEM)) throw onConflict();
        if (after && name !== undefined && conditionFailedAt(error, CATEGORY_ITEM)) {
          // Gone: refused; renamed: written again with the new name.
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
  const storedAt = async (sku: string, expectedVersion: number): Promise<Product> => {
    const before = await readProduct(sku);
    if (before?.version !== expectedVersion) throw new ProductChangedConcurrentlyError(sku);
    return before;
  };

  const searchIndex = changeLogSearchIndex(db, tableName);

  return {
    get: readProduct,

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

    searchIndex: () => searchIndex(),

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

    async setStockStatus(sku, inStock, stockVersion) {
      // Read again when an edit got in between, a few times.
      for (let attempt = 0; attempt < CATEGORY_ATTEMPTS; attempt++) {
        const before = await readProduct(sku);
        if (!before || before.stockVersion >= stockVersion) return false;
        try {
          await write({
            before,
            // The version moves too, so an admin edit read before this one cannot overwrite it.
            after: { ...before, inStock, stockVersion, version: before.version + 1 },
            condition: atVersion(before.version),
            events: [],
            onConflict: () => new ProductChangedConcurrentlyError(sku),
            keepsCategory: true,
          });
          return true;
        } catch (error) {
          if (!(error instanceof ProductChangedConcurrentlyError)) throw error;
        }
      }
      throw new ProductChangedConcurrentlyError(sku);
    },

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
      await loggedWrite(db, tableName, { kind: 'category', id, name }, (log) =>
        transactWrite(db, [
          ...log,
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
        ]),
      );
    } catch (error) {
      if (conditionFailedAt(error, LOGGED_ITEMS)) throw new CategoryNotFoundError(id);
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
