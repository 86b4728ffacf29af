import {
  dynamoPaymentStore,
  dynamoSimulatorLedger,
} from '../../../../functions/payments/adapters/dynamodb-payments.js';
import { PaymentsTable } from '../../../../functions/payments/adapters/payments-table.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { paymentsContract } from '../../../support/payments/payments-contract.js';

paymentsContract('DynamoDB payment store and ledger', async () => {
  const db = dynamoDbLocalClient();
  const table = await createTable(db, PaymentsTable);
  return { store: dynamoPaymentStore(db, table), ledger: dynamoSimulatorLedger(db, table) };
});
