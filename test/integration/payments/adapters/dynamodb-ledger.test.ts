import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoPaymentLedger } from '../../../../functions/payments/adapters/dynamodb-payments.js';
import { PaymentsTable } from '../../../../functions/payments/adapters/payments-table.js';
import { CARRIED_EVENTS_ATTRIBUTE } from '../../../../functions/shared/outbox/outbox.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { paymentLedgerContract } from '../../../support/payments/payment-ledger-contract.js';

paymentLedgerContract('the DynamoDB payment ledger', async () => {
  const db = dynamoDbLocalClient();
  const table = await createTable(db, PaymentsTable);
  return {
    ledger: dynamoPaymentLedger(db, table),
    // What the outbox relay would publish: the events the written items carry.
    published: async () =>
      ((await db.send(new ScanCommand({ TableName: table }))).Items ?? []).flatMap((item) =>
        typeof item[CARRIED_EVENTS_ATTRIBUTE] === 'string'
          ? (JSON.parse(item[CARRIED_EVENTS_ATTRIBUTE]) as { detailType: string }[]).map((e) => e.detailType)
          : [],
      ),
  };
});
