import { dynamoOrderStore } from '../../../../functions/orders/adapters/dynamodb-order-store.js';
import { OrdersTable } from '../../../../functions/orders/adapters/orders-table.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { orderStoreContract } from '../../../support/orders/order-store-contract.js';

orderStoreContract('DynamoDB order store', async () => {
  const db = dynamoDbLocalClient();
  return dynamoOrderStore(db, await createTable(db, OrdersTable));
});
