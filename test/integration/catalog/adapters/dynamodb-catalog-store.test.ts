import { CatalogTable } from '../../../../functions/catalog/adapters/catalog-table.js';
import {
  dynamoCategoryStore,
  dynamoProductStore,
} from '../../../../functions/catalog/adapters/dynamodb-catalog-store.js';
import { catalogStoreContract } from '../../../support/catalog/catalog-store-contract.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';

catalogStoreContract('DynamoDB catalog store', async () => {
  const db = dynamoDbLocalClient();
  const table = await createTable(db, CatalogTable);
  return { products: dynamoProductStore(db, table), categories: dynamoCategoryStore(db, table) };
});
