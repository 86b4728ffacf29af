import { backfillCatalogIndex } from '../backfill/catalog-index.js';
import { backfillStatusIndex } from '../backfill/status-index.js';
import { ordersTable, serviceTable } from './orders-table.js';

/**
 * `npm run backfill`: brings data written before an index existed into it
 * (README, "Deploying"): the orders into the admins' status index (`byStatus`),
 * so `GET /admin/orders?status=` lists them; the products into the catalog's
 * search and listing index, and each category's product count. Against the
 * running local cloud, or a deployed stack with ORDERS_TABLE and
 * CATALOG_TABLE set (and the environment's AWS credentials). Safe to run again.
 */
const orders = ordersTable();
const { indexed, movedOn } = await backfillStatusIndex(orders.db, orders.tableName);
process.stdout.write(
  `status index: ${indexed} orders indexed, ${movedOn} moved on while read (their change indexed them)\n`,
);
const catalog = serviceTable('CATALOG_TABLE', 'CatalogTable');
const {
  indexed: products,
  wordItemsRemoved,
  counted,
} = await backfillCatalogIndex(catalog.db, catalog.tableName);
process.stdout.write(
  `catalog index: ${products} products listed, ${counted} categories counted, ${wordItemsRemoved} word items of the earlier index removed\n`,
);
