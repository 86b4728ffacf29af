import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { TTL_ATTRIBUTE } from '../../functions/shared/outbox/outbox.js';
import type { TableDesign } from '../../functions/shared/service-manifest.js';

/** A client of the DynamoDB Local the integration setup started. */
export const dynamoDbLocalClient = () =>
  DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoDbEndpoint'),
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );

/** A fresh table of the given design, as ServiceTable creates it in the template. */
export const createTable = async (db: DynamoDBDocumentClient, design: TableDesign): Promise<string> => {
  const TableName = `test-${randomUUID()}`;
  const keyAttributes = new Set([design.partitionKey, design.sortKey]);
  for (const index of Object.values(design.indexes)) {
    keyAttributes.add(index.partitionKey);
    keyAttributes.add(index.sortKey);
  }
  await db.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: design.partitionKey, KeyType: 'HASH' },
        { AttributeName: design.sortKey, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [...keyAttributes].map((AttributeName) => ({
        AttributeName,
        AttributeType: 'S',
      })),
      ...(Object.keys(design.indexes).length > 0
        ? {
            GlobalSecondaryIndexes: Object.values(design.indexes).map((index) => ({
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection:
                index.projection === 'KEYS_ONLY'
                  ? { ProjectionType: 'KEYS_ONLY' }
                  : index.projection
                    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] }
                    : { ProjectionType: 'ALL' },
            })),
          }
        : {}),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  await db.send(
    new UpdateTimeToLiveCommand({
      TableName,
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    }),
  );
  return TableName;
};
