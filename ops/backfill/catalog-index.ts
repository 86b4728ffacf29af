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

/** Every item the scan's filter keeps, with the attributes asked for. */
const scanAll = async <T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  scan: { filter: string; values: Record<string, unknown>; projection: string },
): Promise<T[]> => {
  const found: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: scan.filter,
        ExpressionAttributeValues: scan.values,
        ProjectionExpression: scan.projection,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    found.push(...((page.Items ?? []) as T[]));
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
  const products = await scanAll<{ sku: string; category: string }>(db, tableName, {
    filter: 'sk = :product',
    values: { ':product': PRODUCT_SK },
    projection: 'sku, category',
  });
  let indexed = 0;
  for (const { sku } of products) {
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
  // The word items of the index search kept before its change log: `WORD#<two letters>` / `<word>#<sku>`.
  for (const key of await scanAll<{ pk: string; sk: string }>(db, tableName, {
    filter: 'begins_with(pk, :word)',
    values: { ':word': 'WORD#' },
    projection: 'pk, sk',
  })) {
    await db.send(new DeleteCommand({ TableName: tableName, Key: key }));
    wordItemsRemoved++;
  }
  const counts = new Map<string, number>();
  for (const { category } of products) counts.set(category, (counts.get(category) ?? 0) + 1);
  let counted = 0;
  for (const { id } of await scanAll<{ id: string }>(db, tableName, {
    filter: 'sk = :category AND attribute_not_exists(productCount)',
    values: { ':category': CATEGORY_SK },
    projection: 'id',
  })) {
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
