import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../../local/aws-clients.js';
import type { LocalEndpoints } from '../../local/cloud.js';
import { runningCloud } from '../../local/commands/running-cloud.js';

/**
 * The orders table an operations command works on: a deployed stack's when
 * ORDERS_TABLE names it (with the environment's AWS credentials), otherwise
 * the running local cloud's (`local` then says where it runs).
 */
export const ordersTable = (): {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly local: LocalEndpoints | undefined;
} => {
  const deployedTable = process.env.ORDERS_TABLE;
  const local = deployedTable ? undefined : runningCloud();
  const db = DynamoDBDocumentClient.from(
    local
      ? new DynamoDBClient({
          endpoint: local.dynamodbEndpoint,
          region: local.region,
          credentials: localCredentials,
        })
      : new DynamoDBClient({}),
  );
  return { db, tableName: deployedTable ?? local?.tables.OrdersTable ?? '', local };
};
