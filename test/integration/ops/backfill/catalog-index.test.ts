import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  CatalogTable,
  categoryKey,
  productKey,
} from '../../../../functions/catalog/adapters/catalog-table.js';
import {
  dynamoCategoryStore,
  dynamoProductStore,
} from '../../../../functions/catalog/adapters/dynamodb-catalog-store.js';
import { backfillCatalogIndex } from '../../../../ops/backfill/catalog-index.js';
import { aCategory, aProduct } from '../../../support/catalog/fixtures.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';

describe('backfilling the catalog index', () => {
  it('indexes products written before search and counts their categories, once', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, CatalogTable);
    const products = dynamoProductStore(db, tableName);
    const categories = dynamoCategoryStore(db, tableName);
    // A category and two products as the store wrote them before search: no count, no listings.
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...categoryKey('books'), kind: 'CATEGORY', listKey: 'books', ...aCategory('books', 'Books') },
      }),
    );
    for (const [sku, name] of [
      ['OLD-1', 'Old Lantern'],
      ['OLD-2', 'Old Compass'],
    ] as const)
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...productKey(sku), kind: 'PRODUCT', listKey: sku, ...aProduct(sku, { name }) },
        }),
      );
    // And a word item of the index search kept before its change log.
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: 'WORD#la', sk: 'lantern#OLD-1', f: 1, c: 'books' },
      }),
    );
    const found = async (word: string) =>
      (await products.searchIndex()).hits({ word, prefix: true }).map((hit) => hit.entry.sku);
    expect(await found('lant')).toEqual([]);

    expect(await backfillCatalogIndex(db, tableName)).toEqual({
      indexed: 2,
      wordItemsRemoved: 1,
      counted: 1,
    });
    expect(await found('lant')).toEqual(['OLD-1']);
    expect(
      await db.send(new GetCommand({ TableName: tableName, Key: { pk: 'WORD#la', sk: 'lantern#OLD-1' } })),
    ).not.toHaveProperty('Item');
    const listed = await products.browse({ order: 'name', descending: false, filters: {}, limit: 5 });
    expect(listed.items.map((product) => product.sku)).toEqual(['OLD-2', 'OLD-1']);
    expect(await categories.get('books')).toMatchObject({ productCount: 2 });
    await expect(categories.delete('books')).rejects.toThrow('still has 2 products');

    expect(await backfillCatalogIndex(db, tableName)).toEqual({
      indexed: 0,
      wordItemsRemoved: 0,
      counted: 0,
    });
  });
});
