import { Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge } from '../constructs/acknowledge.js';
import { CartService } from '../constructs/cart-service.js';
import { CatalogService } from '../constructs/catalog-service.js';
import { ShopHttpApi } from '../constructs/http-api.js';
import type { TokenIssuer } from '../constructs/identity.js';
import { InventoryService } from '../constructs/inventory-service.js';
import { NotificationsService } from '../constructs/notifications-service.js';
import { Observability } from '../constructs/observability.js';
import { OrdersService } from '../constructs/orders-service.js';
import { PaymentsService } from '../constructs/payments-service.js';
import { Platform } from '../constructs/platform.js';
import { ShippingService } from '../constructs/shipping-service.js';
import { UsersService } from '../constructs/users-service.js';
import type { ShopContext } from '../context.js';
import type { ShopDataStack } from './shop-data-stack.js';

/** The stateless part: functions, routes, relays. Safe to replace at any time. */
export class ShopApiStack extends Stack {
  /** Absent with `-c httpApi=false`. */
  readonly api?: ShopHttpApi;
  readonly catalog: CatalogService;
  readonly inventory: InventoryService;
  readonly cart: CartService;
  readonly payments: PaymentsService;
  readonly orders: OrdersService;
  readonly shipping: ShippingService;
  readonly notifications: NotificationsService;
  readonly observability: Observability;
  /** Absent with an external OIDC issuer: sign-up and sign-in are then that issuer's. */
  readonly users?: UsersService;

  constructor(scope: Construct, id: string, data: ShopDataStack, context: ShopContext, props?: StackProps) {
    super(scope, id, props);
    if (context.httpApi)
      this.api = new ShopHttpApi(this, 'HttpApi', {
        issuer: tokenIssuer(data, context),
        corsOrigins: context.corsOrigins,
        throttle: { rateLimit: context.throttleRateLimit, burstLimit: context.throttleBurstLimit },
      });
    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Signs list cursors so they cannot be forged; replacing it only invalidates open cursors.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(
      cursorSecret,
      'SMG4',
      'Rotating the cursor key only invalidates open list cursors; it is rotated by replacing the secret, not by a schedule.',
    );
    if (this.api) new Platform(this, 'Platform', { api: this.api });
    this.catalog = new CatalogService(this, 'Catalog', {
      table: data.catalogTable,
      bus: data.events.bus,
      api: this.api,
      cursorSecret,
    });
    this.cart = new CartService(this, 'Cart', {
      table: data.cartTable,
      bus: data.events.bus,
      api: this.api,
      catalogGetProducts: this.catalog.getProducts,
    });
    this.inventory = new InventoryService(this, 'Inventory', {
      table: data.inventoryTable,
      bus: data.events.bus,
      api: this.api,
    });
    this.payments = new PaymentsService(this, 'Payments', {
      table: data.paymentsTable,
      bus: data.events.bus,
    });
    this.orders = new OrdersService(this, 'Orders', {
      table: data.ordersTable,
      bus: data.events.bus,
      api: this.api,
      cursorSecret,
      catalogGetProducts: this.catalog.getProducts,
      cartGetCartLines: this.cart.getCartLines,
      steps: {
        reserveInventory: this.inventory.reserveInventory,
        commitInventory: this.inventory.commitInventory,
        releaseInventory: this.inventory.releaseInventory,
        processPayment: this.payments.processPayment,
        refundPayment: this.payments.refundPayment,
      },
      workflowType: context.sagaWorkflowType,
    });
    this.notifications = new NotificationsService(this, 'Notifications', {
      table: data.notificationsTable,
      bus: data.events.bus,
      api: this.api,
      cursorSecret,
      ...(context.notificationsFromEmail ? { emailFrom: context.notificationsFromEmail } : {}),
      ...(context.adminAlertEmail ? { adminAlertEmail: context.adminAlertEmail } : {}),
    });
    this.shipping = new ShippingService(this, 'Shipping', {
      table: data.shippingTable,
      bus: data.events.bus,
      ...(this.api ? { api: this.api } : {}),
      ordersClaimShipment: this.orders.claimShipment,
    });
    if (data.identity && this.api) {
      this.users = new UsersService(this, 'Users', {
        table: data.usersTable,
        bus: data.events.bus,
        api: this.api,
        identity: data.identity,
        ordersListRecent: this.orders.listRecentOrders,
        notificationsCountUnread: this.notifications.countUnread,
      });
    }
    this.observability = new Observability(this, 'Observability', {
      ...(this.api ? { api: this.api } : {}),
      stateMachines: [this.orders.saga.saga, this.orders.saga.cancellation],
    });
  }
}

const tokenIssuer = (data: ShopDataStack, context: ShopContext): TokenIssuer => {
  if (data.identity) return data.identity;
  if (!context.jwtIssuer || !context.jwtAudience)
    throw new Error('An external issuer needs jwtIssuer and jwtAudience.');
  return { issuer: context.jwtIssuer, audience: context.jwtAudience, requiredScopes: context.jwtScopes };
};
