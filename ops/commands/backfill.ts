import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localCredentials } from '../../local/aws-clients.js';
import { runningCloud } from '../../local/commands/running-cloud.js';
import { backfillStatusIndex } from '../backfill/status-index.js';

/**
 * `npm run backfill`: puts the orders written before the admins' status
 * index (`byStatus`) existed into it, so `GET /admin/orders?status=` lists
 * them (docs/architecture.md). Against the running local cloud, or a
 * deployed stack with ORDERS_TABLE set (and the environment's AWS
 * credentials). Safe to run again.
 */
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
const tableName = deployedTable ?? local?.tables.OrdersTable ?? '';
const { indexed, movedOn } = await backfillStatusIndex(db, tableName);
process.stdout.write(
  `status index: ${indexed} orders indexed, ${movedOn} moved on while read (their change indexed them)\n`,
);
