import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IEventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { ProductCreated } from '../../functions/catalog/contracts/events.js';
import { InventoryTable } from '../../functions/inventory/adapters/inventory-table.js';
import { inventoryConfig } from '../../functions/inventory/config.js';
import { inventoryRoutes } from '../../functions/inventory/contracts/routes.js';
import type { Environment } from '../../functions/shared/config.js';
import { EventSubscription } from './event-subscription.js';
import type { RouteTarget } from './http-api.js';
import { OutboxRelay } from './outbox-relay.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

/** Below this many available units a sku is low on stock. */
const LOW_STOCK_THRESHOLD = 5;

/** How often expired stock holds are released. */
const HOLD_SWEEP_INTERVAL = Duration.minutes(5);

/**
 * Inventory: stock per sku (created when a product is), admin stock
 * levels, the reservations the order saga makes, and the sweeper that
 * releases holds whose order never finished.
 */
export class InventoryService extends Construct {
  readonly outbox: OutboxRelay;
  /** The order saga's steps. */
  readonly reserveInventory: ServiceFunction<typeof inventoryConfig>;
  readonly commitInventory: ServiceFunction<typeof inventoryConfig>;
  readonly releaseInventory: ServiceFunction<typeof inventoryConfig>;

  constructor(scope: Construct, id: string, props: { table: ITable; bus: IEventBus; api?: RouteTarget }) {
    super(scope, id);
    const environment: Environment<typeof inventoryConfig> = {
      INVENTORY_TABLE_NAME: props.table.tableName,
      LOW_STOCK_THRESHOLD: String(LOW_STOCK_THRESHOLD),
    };
    const fn = (name: string) =>
      new ServiceFunction(this, name, { service: 'inventory', config: inventoryConfig, environment });

    const getStock = fn('GetStock');
    const setStock = fn('SetStock');
    const createStockItem = fn('CreateStockItem');
    const releaseExpiredHolds = fn('ReleaseExpiredHolds');
    this.reserveInventory = fn('ReserveInventory');
    this.releaseInventory = fn('ReleaseInventory');
    this.commitInventory = fn('CommitInventory');
    grantTableAccess(props.table, InventoryTable, getStock, 'read');
    for (const writer of [
      setStock,
      createStockItem,
      releaseExpiredHolds,
      this.reserveInventory,
      this.releaseInventory,
      this.commitInventory,
    ]) {
      grantTableAccess(props.table, InventoryTable, writer, 'readWrite');
    }

    props.api?.addRoute(inventoryRoutes.getStock, getStock);
    props.api?.addRoute(inventoryRoutes.setStock, setStock);
    new EventSubscription(this, 'CreateStockItemOn', {
      bus: props.bus,
      events: [ProductCreated],
      consumer: createStockItem,
    });
    new Rule(this, 'SweepExpiredHolds', {
      description: 'Releases stock held by orders that never finished',
      schedule: Schedule.rate(HOLD_SWEEP_INTERVAL),
      targets: [new LambdaFunction(releaseExpiredHolds, { retryAttempts: 2 })],
    });
    this.outbox = new OutboxRelay(this, 'Outbox', {
      service: 'inventory',
      table: props.table,
      bus: props.bus,
    });
  }
}
