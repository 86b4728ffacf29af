// @ts-check
// The cold-start baseline: a handler that only creates a DynamoDB document
// client and does one read, bundled by nobody (the SDK is the runtime's).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async () => {
  const { Item } = await db.send(
    new GetCommand({ TableName: process.env.BASELINE_TABLE, Key: { pk: 'STOCK#BOOK-DDIA', sk: 'STOCK' } }),
  );
  return { found: Item !== undefined };
};
