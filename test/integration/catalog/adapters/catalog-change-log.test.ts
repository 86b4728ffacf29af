import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  changeLogSearchIndex,
  LOAD_RANGES,
  loggedWrite,
  SEQUENCE_ATTEMPTS,
} from '../../../../functions/catalog/adapters/catalog-change-log.js';
import {
  CatalogTable,
  CHANGES_PARTITION,
  changeKey,
  sequenceKey,
} from '../../../../functions/catalog/adapters/catalog-table.js';
import {
  dynamoCategoryStore,
  dynamoProductStore,
} from '../../../../functions/catalog/adapters/dynamodb-catalog-store.js';
import type { SearchIndex } from '../../../../functions/catalog/domain/catalog-index.js';
import { BackendUnavailableError } from '../../../../functions/shared/errors.js';
import { aCategory, aProduct } from '../../../support/catalog/fixtures.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';

const setUp = async () => {
  const db = dynamoDbLocalClient();
  const tableName = await createTable(db, CatalogTable);
  const categories = dynamoCategoryStore(db, tableName);
  await categories.create(aCategory('books', 'Books'));
  return { db, tableName, products: dynamoProductStore(db, tableName), categories };
};

/** The commands a client sends, by name, from now on. */
const countCommands = (db: DynamoDBDocumentClient) => {
  const sent: string[] = [];
  db.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  return sent;
};

/** The skus a word, as a prefix, finds in the index as a search would read it now. */
const skusFound = async (search: () => Promise<SearchIndex>, word: string) =>
  (await search())
    .hits({ word, prefix: true })
    .map((hit) => hit.entry.sku)
    .sort();

describe('the search index kept from the change log', () => {
  it("sees another container's writes at its next search, reading one Query when nothing changed", async () => {
    const { db, tableName, products } = await setUp();
    await products.create(aProduct('P1', { name: 'Brass Lantern' }), []);
    const reader = dynamoDbLocalClient();
    const search = changeLogSearchIndex(reader, tableName);
    expect(await skusFound(search, 'lant')).toEqual(['P1']);

    const sent = countCommands(reader);
    expect(await skusFound(search, 'lant')).toEqual(['P1']);
    expect(sent).toEqual(['QueryCommand']);

    await products.create(aProduct('P2', { name: 'Paper Lantern' }), []);
    const p1 = await products.get('P1');
    if (!p1) throw new Error('created');
    await products.replace({ ...p1, name: 'Brass Candle', version: 2 }, 1, []);
    expect(await skusFound(search, 'lant')).toEqual(['P2']);
    expect(await skusFound(search, 'cand')).toEqual(['P1']);
    // Caught up from the log: no second load of the catalog.
    expect(sent).toEqual(['QueryCommand', 'QueryCommand', 'QueryCommand']);
    expect(db).not.toBe(reader);
  });

  it('numbers concurrent writes without a gap, each once, and an index sees them all', async () => {
    const { db, tableName, products } = await setUp();
    const search = changeLogSearchIndex(db, tableName);
    await search();
    await Promise.all(
      Array.from({ length: 12 }, (_, at) => products.create(aProduct(`P${at}`, { name: `Lamp ${at}` }), [])),
    );
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :changes',
        ExpressionAttributeValues: { ':changes': CHANGES_PARTITION },
        ConsistentRead: true,
      }),
    );
    expect(Items.filter((item) => item.sk !== sequenceKey.sk).map((item) => item.seq)).toEqual(
      Array.from({ length: 12 }, (_, at) => at + 1),
    );
    expect(Items.find((item) => item.sk === sequenceKey.sk)?.seq).toBe(12);
    expect(await skusFound(search, 'lamp')).toHaveLength(12);
  });

  it('loads the catalog again when a change it lacks has expired, and is right', async () => {
    const { db, tableName, products } = await setUp();
    const search = changeLogSearchIndex(db, tableName);
    await products.create(aProduct('P1', { name: 'Lantern' }), []);
    expect(await skusFound(search, 'lant')).toEqual(['P1']);
    await products.create(aProduct('P2', { name: 'Lantern' }), []);
    await products.delete('P1', 1, []);
    // Time to live removed the first of the two changes the index lacks.
    await db.send(new DeleteCommand({ TableName: tableName, Key: changeKey(2) }));
    expect(await skusFound(search, 'lant')).toEqual(['P2']);
  });

  it('loads the catalog again when it is further behind than it catches up, and is right', async () => {
    const { db, tableName, products } = await setUp();
    const search = changeLogSearchIndex(db, tableName, { catchUpLimit: 2 });
    expect(await skusFound(search, 'lant')).toEqual([]);
    for (const [day, sku] of ['P1', 'P2', 'P3'].entries()) {
      await products.create(
        aProduct(sku, { name: 'Lantern', createdAt: `2026-11-0${day + 1}T10:00:00.000Z` }),
        [],
      );
    }
    const sent = countCommands(db);
    expect(await skusFound(search, 'lant')).toEqual(['P1', 'P2', 'P3']);
    // The catch-up refused, then the load: the sequence, the listing (its first and last
    // creation times, then its ranges at once), the categories, the changes since.
    expect(sent).toEqual([
      'QueryCommand',
      'GetItemCommand',
      ...Array.from({ length: 2 + LOAD_RANGES }, () => 'QueryCommand'),
      'BatchGetItemCommand',
      'QueryCommand',
    ]);
  });

  it('catches up as many changes as its limit without loading again', async () => {
    const { db, tableName, products } = await setUp();
    const search = changeLogSearchIndex(db, tableName, { catchUpLimit: 3 });
    expect(await skusFound(search, 'lant')).toEqual([]);
    for (const sku of ['P1', 'P2', 'P3']) await products.create(aProduct(sku, { name: 'Lantern' }), []);
    const sent = countCommands(db);
    expect(await skusFound(search, 'lant')).toEqual(['P1', 'P2', 'P3']);
    expect(sent).toEqual(['QueryCommand']);
  });

  it("shows a category's rename at the next search", async () => {
    const { db, tableName, products, categories } = await setUp();
    const search = changeLogSearchIndex(db, tableName);
    await products.create(aProduct('P1'), []);
    expect(await skusFound(search, 'books')).toEqual(['P1']);
    await categories.rename('books', 'Novels', []);
    expect(await skusFound(search, 'books')).toEqual([]);
    expect(await skusFound(search, 'novels')).toEqual(['P1']);
  });

  it('gives up as a transient failure when other writes keep taking the next number', async () => {
    const { db, tableName } = await setUp();
    let tries = 0;
    const lostRace = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
    });
    await expect(
      loggedWrite(db, tableName, { kind: 'deleted', sku: 'P1' }, async () => {
        tries++;
        throw lostRace;
      }),
    ).rejects.toThrow(BackendUnavailableError);
    expect(tries).toBe(SEQUENCE_ATTEMPTS);
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: sequenceKey, ConsistentRead: true }),
    );
    expect(Item).toBeUndefined();
  });
});
