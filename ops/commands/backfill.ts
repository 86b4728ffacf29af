import { backfillStatusIndex } from '../backfill/status-index.js';
import { ordersTable } from './orders-table.js';

/**
 * `npm run backfill`: puts the orders written before the admins' status
 * index (`byStatus`) existed into it, so `GET /admin/orders?status=` lists
 * them (docs/architecture.md). Against the running local cloud, or a
 * deployed stack with ORDERS_TABLE set (and the environment's AWS
 * credentials). Safe to run again.
 */
const { db, tableName } = ordersTable();
const { indexed, movedOn } = await backfillStatusIndex(db, tableName);
process.stdout.write(
  `status index: ${indexed} orders indexed, ${movedOn} moved on while read (their change indexed them)\n`,
);
