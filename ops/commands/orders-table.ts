import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../../local/aws-clients.js';
import type { LocalEndpoints } from '../../local/cloud.js';
import { runningCloud } from '../../local/commands/running-cloud.js';

/**
 * A service's table an operations command works on: a deployed stack's when
 * the environment variable `variable` names it (with the environment's AWS
 * credentials), otherwise the running local cloud's table of construct id
 * `constructId` (`local` then says where it runs).
 */
export const serviceTable = (
  variable: string,
  constructId: string,
): {
  readonly db: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly local: LocalEndpoints | undefined;
} => {
  const deployedTable = process.env[variable];
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
  return { db, tableName: deployedTable ?? local?.tables[constructId] ?? '', local };
};

/** The orders table: ORDERS_TABLE, or the running local cloud's. */
export const ordersTable = () => serviceTable('ORDERS_TABLE', 'OrdersTable');
