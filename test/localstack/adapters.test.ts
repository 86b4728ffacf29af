import { CartTable } from '../../functions/cart/adapters/cart-table.js';
import { dynamoCartStore } from '../../functions/cart/adapters/dynamodb-cart-store.js';
import { CatalogTable } from '../../functions/catalog/adapters/catalog-table.js';
import {
  dynamoCategoryStore,
  dynamoProductStore,
} from '../../functions/catalog/adapters/dynamodb-catalog-store.js';
import { dynamoInventoryStore } from '../../functions/inventory/adapters/dynamodb-inventory-store.js';
import { InventoryTable } from '../../functions/inventory/adapters/inventory-table.js';
import { dynamoNotificationStore } from '../../functions/notifications/adapters/dynamodb-notification-store.js';
import { NotificationsTable } from '../../functions/notifications/adapters/notifications-table.js';
import { dynamoOrderStore } from '../../functions/orders/adapters/dynamodb-order-store.js';
import { OrdersTable } from '../../functions/orders/adapters/orders-table.js';
import {
  dynamoPaymentStore,
  dynamoSimulatorLedger,
} from '../../functions/payments/adapters/dynamodb-payments.js';
import { PaymentsTable } from '../../functions/payments/adapters/payments-table.js';
import { dynamoProfileStore } from '../../functions/users/adapters/dynamodb-profile-store.js';
import { UsersTable } from '../../functions/users/adapters/users-table.js';
import { cartStoreContract } from '../support/cart/cart-store-contract.js';
import { catalogStoreContract } from '../support/catalog/catalog-store-contract.js';
import { createTable } from '../support/dynamodb-tables.js';
import { inventoryStoreContract } from '../support/inventory/inventory-store-contract.js';
import { notificationStoreContract } from '../support/notifications/notification-store-contract.js';
import { orderStoreContract } from '../support/orders/order-store-contract.js';
import { paymentsContract } from '../support/payments/payments-contract.js';
import { profileStoreContract } from '../support/users/profile-store-contract.js';
import { documentClient, onLocalStack } from './support.js';

/** The DynamoDB adapters' contract suites, against LocalStack's DynamoDB (each on a fresh table). */
onLocalStack('DynamoDB adapters', () => {
  cartStoreContract('DynamoDB cart store', async () => {
    const db = documentClient();
    return dynamoCartStore(db, await createTable(db, CartTable));
  });
  catalogStoreContract('DynamoDB catalog store', async () => {
    const db = documentClient();
    const table = await createTable(db, CatalogTable);
    return { products: dynamoProductStore(db, table), categories: dynamoCategoryStore(db, table) };
  });
  inventoryStoreContract('DynamoDB inventory store', async () => {
    const db = documentClient();
    return dynamoInventoryStore(db, await createTable(db, InventoryTable));
  });
  notificationStoreContract('DynamoDB notification store', async () => {
    const db = documentClient();
    return dynamoNotificationStore(db, await createTable(db, NotificationsTable));
  });
  orderStoreContract('DynamoDB order store', async () => {
    const db = documentClient();
    return dynamoOrderStore(db, await createTable(db, OrdersTable));
  });
  paymentsContract('DynamoDB payment store and ledger', async () => {
    const db = documentClient();
    const table = await createTable(db, PaymentsTable);
    return { store: dynamoPaymentStore(db, table), ledger: dynamoSimulatorLedger(db, table) };
  });
  profileStoreContract('DynamoDB profile store', async () => {
    const db = documentClient();
    return dynamoProfileStore(db, await createTable(db, UsersTable));
  });
});
