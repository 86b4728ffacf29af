import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  batchGetAll,
  conditionFailedAt,
  outboxPuts,
  queryAll,
  queryIndexPage,
  whenConditionHolds,
} from '../../shared/dynamodb.js';
import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Category } from '../domain/category.js';
import {
  CategoryTakenError,
  ProductChangedConcurrentlyError,
  SkuTakenError,
  UnknownCategoryError,
} from '../domain/errors.js';
import type { Product } from '../domain/product.js';
import type { CategoryStore, ProductListing, ProductStore } from '../use-cases/ports.js';
import { CatalogTable } from './catalog-table.js';

const PRODUCT = 'PRODUCT';
const CATEGORY = 'CATEGORY';

const productKey = (sku: string) => ({ pk: `${PRODUCT}#${sku}`, sk: PRODUCT });
const categoryKey = (id: string) => ({ pk: `${CATEGORY}#${id}`, sk: CATEGORY });

type ProductItem = Product & { pk: string; sk: string; kind: typeof PRODUCT; listKey: string };

const toProductItem = (product: Product): ProductItem => ({
  ...productKey(product.sku),
  kind: PRODUCT,
  listKey: product.sku,
  ...product,
});

/** The product without the item's key and index attributes. */
const toProduct = ({ pk: _pk, sk: _sk, kind: _kind, listKey: _listKey, ...product }: ProductItem): Product =>
  product;

export const dynamoProductStore = (db: DynamoDBDocumentClient, tableName: string): ProductStore => {
  const categoryMustExist = (category: string) => ({
    ConditionCheck: {
      TableName: tableName,
      Key: categoryKey(category),
      ConditionExpression: 'attribute_exists(pk)',
    },
  });

  /** Puts a product under `condition`, in one transaction with its category check and its events. */
  const writeProduct = async (
    product: Product,
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
    events: readonly DomainEvent[],
    conditionFailure: () => Error,
  ) => {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: toProductItem(product), ...condition } },
            categoryMustExist(product.category),
            ...outboxPuts(tableName, events),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailedAt(error, 0)) throw conditionFailure();
      if (conditionFailedAt(error, 1)) throw new UnknownCategoryError(product.category);
      throw error;
    }
  };

  return {
    async get(sku) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: productKey(sku) }));
      return Item ? toProduct(Item as ProductItem) : undefined;
    },

    getMany: async (skus) =>
      (await batchGetAll<ProductItem>(db, tableName, skus.map(productKey))).map(toProduct),

    async list({ category, limit, after }): Promise<ProductListing> {
      const index = category ? CatalogTable.indexes.byCategory : CatalogTable.indexes.byKind;
      const partition = category ?? PRODUCT;
      const { items, next } = await queryIndexPage<ProductItem>(db, tableName, index, partition, {
        limit,
        ...(after ? { after } : {}),
        keyOf: (last) => ({
          pk: last.pk,
          sk: last.sk,
          listKey: last.listKey,
          [index.partitionKey]: partition,
        }),
      });
      return { items: items.map(toProduct), ...(next ? { next } : {}) };
    },

    create: (product, events) =>
      writeProduct(
        product,
        { ConditionExpression: 'attribute_not_exists(pk)' },
        events,
        () => new SkuTakenError(product.sku),
      ),

    replace: (product, expectedVersion, events) =>
      writeProduct(
        product,
        {
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expectedVersion },
        },
        events,
        () => new ProductChangedConcurrentlyError(product.sku),
      ),

    setStockStatus: (sku, inStock, stockVersion) =>
      whenConditionHolds(
        db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: productKey(sku),
            // The version moves too, so an admin edit read before this one cannot overwrite it.
            UpdateExpression: 'SET inStock = :inStock, stockVersion = :stockVersion ADD version :one',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(stockVersion) OR stockVersion < :stockVersion)',
            ExpressionAttributeValues: { ':inStock': inStock, ':stockVersion': stockVersion, ':one': 1 },
          }),
        ),
      ),

    async delete(sku, expectedVersion, events: readonly DomainEvent[]) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: {
                  TableName: tableName,
                  Key: productKey(sku),
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                },
              },
              ...outboxPuts(tableName, events),
            ],
          }),
        );
      } catch (error) {
        if (conditionFailedAt(error, 0)) throw new ProductChangedConcurrentlyError(sku);
        throw error;
      }
    },
  };
};

type CategoryItem = Category & { pk: string; sk: string; kind: typeof CATEGORY; listKey: string };

export const dynamoCategoryStore = (db: DynamoDBDocumentClient, tableName: string): CategoryStore => ({
  async create(category) {
    const item: CategoryItem = {
      ...categoryKey(category.id),
      kind: CATEGORY,
      listKey: category.id,
      ...category,
    };
    try {
      await db.send(
        new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new CategoryTakenError(category.id);
      throw error;
    }
  },

  async list() {
    const items = await queryAll<CategoryItem>(db, {
      TableName: tableName,
      IndexName: CatalogTable.indexes.byKind.name,
      KeyConditionExpression: 'kind = :kind',
      ExpressionAttributeValues: { ':kind': CATEGORY },
    });
    return items.map(({ id, name, createdAt }): Category => ({ id, name, createdAt }));
  },
});
