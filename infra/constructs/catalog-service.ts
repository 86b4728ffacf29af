import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CatalogTable } from '../../functions/catalog/adapters/catalog-table.js';
import { catalogConfig } from '../../functions/catalog/config.js';
import { catalogRoutes } from '../../functions/catalog/contracts/routes.js';
import { StockAvailabilityChanged } from '../../functions/inventory/contracts/events.js';
import type { Environment } from '../../functions/shared/config.js';
import { EventSubscription } from './event-subscription.js';
import type { RouteTarget } from './http-api.js';
import { OutboxRelay } from './outbox-relay.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

export interface CatalogServiceProps {
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly api?: RouteTarget;
  readonly cursorSecret: ISecret;
}

/**
 * The catalog: public product and category reads, admin writes, and the
 * GetProducts read contract that cart and orders invoke.
 */
export class CatalogService extends Construct {
  /** The GetProducts read contract; consumers get its name and `grantInvoke`. */
  readonly getProducts: ServiceFunction<typeof catalogConfig>;
  readonly outbox: OutboxRelay;

  constructor(scope: Construct, id: string, { table, bus, api, cursorSecret }: CatalogServiceProps) {
    super(scope, id);
    const environment: Environment<typeof catalogConfig> = {
      CATALOG_TABLE_NAME: table.tableName,
      // Resolved by CloudFormation at deploy time; the value is never in the template.
      CURSOR_SECRET: cursorSecret.secretValue.unsafeUnwrap(),
    };
    const fn = (name: string) =>
      new ServiceFunction(this, name, { service: 'catalog', config: catalogConfig, environment });

    const listProducts = fn('ListProducts');
    const getProduct = fn('GetProduct');
    const listCategories = fn('ListCategories');
    const createProduct = fn('CreateProduct');
    const updateProduct = fn('UpdateProduct');
    const deleteProduct = fn('DeleteProduct');
    const createCategory = fn('CreateCategory');
    this.getProducts = fn('GetProducts');
    const updateStockStatus = fn('UpdateStockStatus');

    for (const reader of [listProducts, getProduct, listCategories, this.getProducts]) {
      grantTableAccess(table, CatalogTable, reader, 'read');
    }
    for (const writer of [createProduct, updateProduct, deleteProduct, createCategory, updateStockStatus]) {
      grantTableAccess(table, CatalogTable, writer, 'readWrite');
    }

    api?.addRoute(catalogRoutes.listProducts, listProducts);
    api?.addRoute(catalogRoutes.getProduct, getProduct);
    api?.addRoute(catalogRoutes.listCategories, listCategories);
    api?.addRoute(catalogRoutes.createProduct, createProduct);
    api?.addRoute(catalogRoutes.updateProduct, updateProduct);
    api?.addRoute(catalogRoutes.deleteProduct, deleteProduct);
    api?.addRoute(catalogRoutes.createCategory, createCategory);

    new EventSubscription(this, 'UpdateStockStatusOn', {
      bus,
      events: [StockAvailabilityChanged],
      consumer: updateStockStatus,
    });
    this.outbox = new OutboxRelay(this, 'Outbox', { service: 'catalog', table, bus });
  }
}
