import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { CartTable } from '../../functions/cart/adapters/cart-table.js';
import { CatalogTable } from '../../functions/catalog/adapters/catalog-table.js';
import { InventoryTable } from '../../functions/inventory/adapters/inventory-table.js';
import { NotificationsTable } from '../../functions/notifications/adapters/notifications-table.js';
import { OrdersTable } from '../../functions/orders/adapters/orders-table.js';
import { PaymentsTable } from '../../functions/payments/adapters/payments-table.js';
import { ShippingTable } from '../../functions/shipping/adapters/shipping-table.js';
import { UsersTable } from '../../functions/users/adapters/users-table.js';
import { ShopEventBus } from '../constructs/event-bus.js';
import { ShopIdentity } from '../constructs/identity.js';
import { ServiceTable } from '../constructs/service-table.js';
import type { ShopContext } from '../context.js';

/**
 * Everything that holds state: the services' tables, the event bus and its
 * archive, the user pool. It changes rarely, is protected from deletion, and
 * its resources keep their logical ids whatever happens to the code around them.
 */
export class ShopDataStack extends Stack {
  readonly catalogTable: ServiceTable;
  readonly inventoryTable: ServiceTable;
  readonly usersTable: ServiceTable;
  readonly cartTable: ServiceTable;
  readonly ordersTable: ServiceTable;
  readonly paymentsTable: ServiceTable;
  readonly shippingTable: ServiceTable;
  readonly notificationsTable: ServiceTable;
  readonly events: ShopEventBus;
  /** Absent when an external OIDC issuer is configured. */
  readonly identity?: ShopIdentity;

  constructor(scope: Construct, id: string, context: ShopContext, props?: StackProps) {
    super(scope, id, { ...props, terminationProtection: context.retainData });
    const retain = context.retainData;
    this.catalogTable = new ServiceTable(this, 'CatalogTable', { design: CatalogTable, retain });
    this.inventoryTable = new ServiceTable(this, 'InventoryTable', { design: InventoryTable, retain });
    this.usersTable = new ServiceTable(this, 'UsersTable', { design: UsersTable, retain });
    this.cartTable = new ServiceTable(this, 'CartTable', { design: CartTable, retain });
    this.ordersTable = new ServiceTable(this, 'OrdersTable', { design: OrdersTable, retain });
    this.paymentsTable = new ServiceTable(this, 'PaymentsTable', { design: PaymentsTable, retain });
    this.shippingTable = new ServiceTable(this, 'ShippingTable', { design: ShippingTable, retain });
    this.notificationsTable = new ServiceTable(this, 'NotificationsTable', {
      design: NotificationsTable,
      retain,
    });
    this.events = new ShopEventBus(this, 'Events', {
      archiveRetention: Duration.days(context.archiveRetentionDays),
      retain,
    });
    if (context.httpApi && !context.jwtIssuer) this.identity = new ShopIdentity(this, 'Identity', { retain });
  }
}
