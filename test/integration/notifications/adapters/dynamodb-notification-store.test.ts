import { dynamoNotificationStore } from '../../../../functions/notifications/adapters/dynamodb-notification-store.js';
import { NotificationsTable } from '../../../../functions/notifications/adapters/notifications-table.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { notificationStoreContract } from '../../../support/notifications/notification-store-contract.js';

notificationStoreContract('DynamoDB notification store', async () => {
  const db = dynamoDbLocalClient();
  return dynamoNotificationStore(db, await createTable(db, NotificationsTable));
});
