import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  CATEGORY_SK,
  categoryKey,
  listingPartition,
  PRODUCT_SK,
} from '../../functions/catalog/adapters/catalog-table.js';
import { dynamoProductStore } from '../../functions/catalog/adapters/dynamodb-catalog-store.js';
import { ProductChangedConcurrentlyError } from '../../functions/catalog/domain/errors.js';
import { queryAll, whenConditionHolds } from '../../functions/shared/dynamodb.js';

export interface CatalogBackfilled {
  /** Products written before search that are now listed, so search finds them. */
  readonly indexed: number;
  /** Word items of the index the catalog kept before its change log, deleted. */
  readonly wordItemsRemoved: number;
  /** Categories written before their product count that now have it. */
  readonly counted: number;
}

/** Every item of a kind (by sort key) the scan finds, with the attributes asked for. */
const scanAll = async <T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  sk: string,
  filter: string,
  projection: string,
): Promise<T[]> => {
  const found: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: `sk = :sk${filter ? ` AND ${filter}` : ''}`,
        ExpressionAttributeValues: { ':sk': sk },
        ProjectionExpression: projection,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    found.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
};

/** The keys of the word items an earlier design of search kept (`WORD#<two letters>` / `<word>#<sku>`). */
const scanWordItems = async (
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ pk: string; sk: string }[]> => {
  const found: { pk: string; sk: string }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :word)',
        ExpressionAttributeValues: { ':word': 'WORD#' },
        ProjectionExpression: 'pk, sk',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    found.push(...((page.Items ?? []) as { pk: string; sk: string }[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
};

/**
 * Brings a catalog written before search up to date: each product missing
 * from the listings is written again (one transaction per product, as the
 * catalog's own writes do: its listings and a change search reads), and each
 * category without its `productCount` gets the number of products in it.
 * The word items an earlier design of search kept are deleted. Run it once
 * after deploying, before admins change the catalog (a product added to a
 * category not yet counted would be counted twice), and again at will: what
 * is up to date is not written again.
 */
export const backfillCatalogIndex = async (
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<CatalogBackfilled> => {
  const store = dynamoProductStore(db, tableName);
  const listed = new Set(
    (
      await queryAll<{ sku: string }>(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :listing',
        ExpressionAttributeValues: { ':listing': listingPartition(undefined, 'newest') },
        ProjectionExpression: 'sku',
      })
    ).map(({ sku }) => sku),
  );
  let indexed = 0;
  for (const { sku } of await scanAll<{ sku: string }>(db, tableName, PRODUCT_SK, '', 'sku')) {
    if (listed.has(sku)) continue;
    const product = await store.get(sku);
    if (!product) continue;
    try {
      await store.replace({ ...product, version: product.version + 1 }, product.version, []);
      indexed++;
    } catch (error) {
      // Written since it was read: the catalog's own write listed it.
      if (!(error instanceof ProductChangedConcurrentlyError)) throw error;
    }
  }
  let wordItemsRemoved = 0;
  for (const key of await scanWordItems(db, tableName)) {
    await db.send(new DeleteCommand({ TableName: tableName, Key: key }));
    wordItemsRemoved++;
  }
  const products = await scanAll<{ category: string }>(db, tableName, PRODUCT_SK, '', 'category');
  const counts = new Map<string, number>();
  for (const { category } of products) counts.set(category, (counts.get(category) ?? 0) + 1);
  let counted = 0;
  for (const { id } of await scanAll<{ id: string }>(
    db,
    tableName,
    CATEGORY_SK,
    'attribute_not_exists(productCount)',
    'id',
  )) {
    const set = await whenConditionHolds(
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: categoryKey(id),
          UpdateExpression: 'SET productCount = :count',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(productCount)',
          ExpressionAttributeValues: { ':count': counts.get(id) ?? 0 },
        }),
      ),
    );
    if (set) counted++;
  }
  return { indexed, wordItemsRemoved, counted };
};
