import { defineService } from '../shared/service-manifest.js';
import { OrderShipped, ShipmentStatusChanged } from '../shipping/contracts/events.js';
import { UserDeleted } from '../users/contracts/events.js';
import { OrdersTable } from './adapters/orders-table.js';
import {
  cancellationConfig,
  checkOutConfig,
  confirmOrderConfig,
  listOrdersConfig,
  ordersConfig,
  placeOrderConfig,
  startOrderSagaConfig,
} from './config.js';
import { OrderPlaced } from './contracts/events.js';
import { ordersRoutes } from './contracts/routes.js';
import { orderHistoryEvents } from './contracts/subscriptions.js';

const reads = { config: ordersConfig, table: 'read' } as const;
const writes = { config: ordersConfig, table: 'readWrite' } as const;
const cancels = {
  config: cancellationConfig,
  table: 'readWrite',
  starts: ['OrderCancellation'],
} as const;

/** Orders, their status and timeline, and the saga that reserves, charges and confirms them or compensates. */
export const ordersService = defineService({
  name: 'orders',
  purpose: 'accepts orders (idempotent per key), owns their status and timeline, runs the order saga',
  table: OrdersTable,
  outbox: true,
  workflows: ['OrderSaga', 'OrderCancellation'],
  functions: {
    PlaceOrder: {
      config: placeOrderConfig,
      table: 'readWrite',
      calls: ['catalog.GetProducts'],
      trigger: { route: ordersRoutes.placeOrder },
    },
    CheckOut: {
      config: checkOutConfig,
      table: 'readWrite',
      calls: ['catalog.GetProducts', 'cart.GetCartLines'],
      trigger: { route: ordersRoutes.checkOut },
    },
    ListOrders: {
      config: listOrdersConfig,
      table: 'read',
      cursorSecret: true,
      trigger: { route: ordersRoutes.listOrders },
    },
    ListAllOrders: {
      config: listOrdersConfig,
      table: 'read',
      cursorSecret: true,
      trigger: { route: ordersRoutes.listAllOrders },
    },
    GetOrder: { ...reads, trigger: { route: ordersRoutes.getOrder } },
    ChangeOrderAddress: { ...writes, trigger: { route: ordersRoutes.changeOrderAddress } },
    GetOrderHistory: { ...reads, trigger: { route: ordersRoutes.getOrderHistory } },
    RequestOrderCancellation: { ...cancels, trigger: { route: ordersRoutes.requestOrderCancellation } },
    StartOrderSaga: {
      config: startOrderSagaConfig,
      table: 'read',
      starts: ['OrderSaga'],
      trigger: { events: [OrderPlaced] },
    },
    SettleStalledOrders: {
      ...cancels,
      trigger: {
        schedule: {
          everyMinutes: 1,
          purpose: 'Cancels orders whose saga or cancellation stopped before deciding them',
        },
      },
    },
    ConfirmOrder: {
      config: confirmOrderConfig,
      table: 'readWrite',
      // Sells the order's held units before it confirms the order.
      calls: ['inventory.CommitInventory'],
      trigger: { sagaTask: true },
    },
    AbandonOrder: { ...writes, trigger: { sagaTask: true } },
    CancelOrder: { ...writes, trigger: { sagaTask: true } },
    MarkNeedsAttention: { ...writes, trigger: { sagaTask: true } },
    RecordOrderHistory: { ...writes, trigger: { events: orderHistoryEvents } },
    MarkOrderShipped: { ...writes, trigger: { events: [OrderShipped] } },
    AnonymizeCustomerOrders: { ...writes, trigger: { events: [UserDeleted] } },
    SettleParcelOutcome: {
      ...cancels,
      trigger: { events: [ShipmentStatusChanged], where: { status: ['DELIVERED', 'RETURNED'] } },
    },
    ListRecentOrders: { ...reads, trigger: { contract: true } },
    HasOpenOrders: { ...reads, trigger: { contract: true } },
    ClaimShipment: { ...writes, trigger: { contract: true } },
  },
});
