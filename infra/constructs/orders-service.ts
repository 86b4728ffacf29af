import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IEventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { OrdersTable } from '../../functions/orders/adapters/orders-table.js';
import { ordersApiConfig, ordersConfig } from '../../functions/orders/config.js';
import { OrderPlaced } from '../../functions/orders/contracts/events.js';
import { ordersRoutes } from '../../functions/orders/contracts/routes.js';
import { orderHistoryEvents } from '../../functions/orders/contracts/subscriptions.js';
import type { Environment } from '../../functions/shared/config.js';
import { OrderShipped } from '../../functions/shipping/contracts/events.js';
import { grantContractInvoke } from './contract-access.js';
import { EventSubscription } from './event-subscription.js';
import type { RouteTarget } from './http-api.js';
import { OrderSaga } from './order-saga.js';
import { OutboxRelay } from './outbox-relay.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

/** How often orders overdue for their outcome are looked for (their due time is minutes after). */
const STALL_SWEEP_INTERVAL = Duration.minutes(1);

export interface OrdersServiceProps {
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly api?: RouteTarget;
  readonly cursorSecret: ISecret;
  readonly catalogGetProducts: IFunction;
  readonly cartGetCartLines: IFunction;
  /** The other services' saga steps. */
  readonly steps: {
    readonly reserveInventory: IFunction;
    readonly commitInventory: IFunction;
    readonly releaseInventory: IFunction;
    readonly processPayment: IFunction;
    readonly refundPayment: IFunction;
  };
  readonly workflowType: 'STANDARD' | 'EXPRESS';
}

/**
 * Orders: accepts orders (idempotent per key), owns their status and
 * timeline, and runs the order saga that reserves, charges and confirms
 * them — or compensates.
 */
export class OrdersService extends Construct {
  readonly saga: OrderSaga;
  /** The ListRecentOrders read contract the dashboard invokes. */
  readonly listRecentOrders: IFunction;
  /** The ClaimShipment contract shipping invokes before a parcel leaves. */
  readonly claimShipment: IFunction;
  readonly outbox: OutboxRelay;

  constructor(scope: Construct, id: string, props: OrdersServiceProps) {
    super(scope, id);
    const { table, bus, api } = props;
    // The saga's own steps need the table only; they must not depend on the workflows that call them.
    const stepEnvironment: Environment<typeof ordersConfig> = { ORDERS_TABLE_NAME: table.tableName };
    const step = (name: string) =>
      new ServiceFunction(this, name, {
        service: 'orders',
        config: ordersConfig,
        environment: stepEnvironment,
      });
    const confirmOrder = step('ConfirmOrder');
    const abandonOrder = step('AbandonOrder');
    const cancelOrder = step('CancelOrder');
    const markNeedsAttention = step('MarkNeedsAttention');
    const recordOrderHistory = step('RecordOrderHistory');
    const markOrderShipped = step('MarkOrderShipped');
    this.listRecentOrders = step('ListRecentOrders');
    grantTableAccess(table, OrdersTable, this.listRecentOrders, 'read');
    this.claimShipment = step('ClaimShipment');
    for (const writer of [
      this.claimShipment,
      confirmOrder,
      abandonOrder,
      cancelOrder,
      markNeedsAttention,
      recordOrderHistory,
      markOrderShipped,
    ])
      grantTableAccess(table, OrdersTable, writer, 'readWrite');

    this.saga = new OrderSaga(this, 'Saga', {
      tasks: { ...props.steps, confirmOrder, abandonOrder, cancelOrder, markNeedsAttention },
      workflowType: props.workflowType,
    });

    const apiEnvironment: Environment<typeof ordersApiConfig> = {
      ...stepEnvironment,
      CATALOG_GET_PRODUCTS_FUNCTION: props.catalogGetProducts.functionName,
      CART_GET_CART_LINES_FUNCTION: props.cartGetCartLines.functionName,
      ORDER_SAGA_ARN: this.saga.saga.stateMachineArn,
      ORDER_CANCELLATION_ARN: this.saga.cancellation.stateMachineArn,
      // Resolved by CloudFormation at deploy time; the value is never in the template.
      CURSOR_SECRET: props.cursorSecret.secretValue.unsafeUnwrap(),
    };
    const fn = (name: string) =>
      new ServiceFunction(this, name, {
        service: 'orders',
        config: ordersApiConfig,
        environment: apiEnvironment,
      });
    const placeOrder = fn('PlaceOrder');
    const checkOut = fn('CheckOut');
    const listOrders = fn('ListOrders');
    const getOrder = fn('GetOrder');
    const getOrderHistory = fn('GetOrderHistory');
    const requestOrderCancellation = fn('RequestOrderCancellation');
    const startOrderSaga = fn('StartOrderSaga');
    const settleStalledOrders = fn('SettleStalledOrders');
    for (const reader of [listOrders, getOrder, getOrderHistory, startOrderSaga])
      grantTableAccess(table, OrdersTable, reader, 'read');
    for (const writer of [placeOrder, checkOut, requestOrderCancellation, settleStalledOrders])
      grantTableAccess(table, OrdersTable, writer, 'readWrite');
    grantContractInvoke(props.catalogGetProducts, placeOrder, checkOut);
    grantContractInvoke(props.cartGetCartLines, checkOut);
    this.saga.saga.grantStartExecution(startOrderSaga);
    this.saga.cancellation.grantStartExecution(requestOrderCancellation);
    this.saga.cancellation.grantStartExecution(settleStalledOrders);

    api?.addRoute(ordersRoutes.placeOrder, placeOrder);
    api?.addRoute(ordersRoutes.checkOut, checkOut);
    api?.addRoute(ordersRoutes.listOrders, listOrders);
    api?.addRoute(ordersRoutes.getOrder, getOrder);
    api?.addRoute(ordersRoutes.getOrderHistory, getOrderHistory);
    api?.addRoute(ordersRoutes.requestOrderCancellation, requestOrderCancellation);

    new EventSubscription(this, 'StartOrderSagaOn', { bus, events: [OrderPlaced], consumer: startOrderSaga });
    new EventSubscription(this, 'RecordOrderHistoryOn', {
      bus,
      events: orderHistoryEvents,
      consumer: recordOrderHistory,
    });
    new Rule(this, 'SweepStalledOrders', {
      description: 'Cancels orders whose saga or cancellation stopped before deciding them',
      schedule: Schedule.rate(STALL_SWEEP_INTERVAL),
      targets: [new LambdaFunction(settleStalledOrders, { retryAttempts: 2 })],
    });
    new EventSubscription(this, 'MarkOrderShippedOn', {
      bus,
      events: [OrderShipped],
      consumer: markOrderShipped,
    });
    this.outbox = new OutboxRelay(this, 'Outbox', { service: 'orders', table, bus });
  }
}
