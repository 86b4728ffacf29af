import { dynamoProfileStore } from '../../../../functions/users/adapters/dynamodb-profile-store.js';
import { UsersTable } from '../../../../functions/users/adapters/users-table.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { profileStoreContract } from '../../../support/users/profile-store-contract.js';

profileStoreContract('DynamoDB profile store', async () => {
  const db = dynamoDbLocalClient();
  return dynamoProfileStore(db, await createTable(db, UsersTable));
});
