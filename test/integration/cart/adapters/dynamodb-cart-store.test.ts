import { CartTable } from '../../../../functions/cart/adapters/cart-table.js';
import { dynamoCartStore } from '../../../../functions/cart/adapters/dynamodb-cart-store.js';
import { cartStoreContract } from '../../../support/cart/cart-store-contract.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';

cartStoreContract('DynamoDB cart store', async () => {
  const db = dynamoDbLocalClient();
  return dynamoCartStore(db, await createTable(db, CartTable));
});
