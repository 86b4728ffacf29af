import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { CATEGORY_SK, categoryKey, PRODUCT_SK } from '../../functions/catalog/adapters/catalog-table.js';
import { dynamoProductStore } from '../../functions/catalog/adapters/dynamodb-catalog-store.js';
import { whenConditionHolds } from '../../functions/shared/dynamodb.js';

export interface CatalogBackfilled {
  /** Products written before search that are now indexed (listing and word items). */
  readonly indexed: number;
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

/**
 * Brings a catalog written before search up to date: each product without
 * its `words` is indexed (its listing and word items written, one
 * transaction per product, as the catalog's own writes do), and each category
 * without its `productCount` gets the number of products in it. Run it once
 * after deploying, before admins change the catalog (a product added to a
 * category not yet counted would be counted twice), and again at will:
 * what is up to date is not written again.
 */
export const backfillCatalogIndex = async (
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<CatalogBackfilled> => {
  const store = dynamoProductStore(db, tableName);
  let indexed = 0;
  for (const { sku } of await scanAll<{ sku: string }>(
    db,
    tableName,
    PRODUCT_SK,
    'attribute_not_exists(words)',
    'sku',
  ))
    if (await store.reindex(sku)) indexed++;
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
  return { indexed, counted };
};
