import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { OrderCancelled, OrderConfirmed } from '../../functions/orders/contracts/events.js';
import type { Environment } from '../../functions/shared/config.js';
import { ShippingTable } from '../../functions/shipping/adapters/shipping-table.js';
import { shipOrderConfig, shippingConfig } from '../../functions/shipping/config.js';
import { shippingRoutes } from '../../functions/shipping/contracts/routes.js';
import { grantContractInvoke } from './contract-access.js';
import { EventSubscription } from './event-subscription.js';
import type { RouteTarget } from './http-api.js';
import { OutboxRelay } from './outbox-relay.js';
import { ServiceFunction } from './service-function.js';
import { grantTableAccess } from './table-access.js';

/** Shipping: a shipment per confirmed order, shipped by an admin with a carrier and tracking number. */
export class ShippingService extends Construct {
  readonly outbox: OutboxRelay;

  constructor(
    scope: Construct,
    id: string,
    props: {
      table: ITable;
      bus: IEventBus;
      api?: RouteTarget;
      /** Orders' ClaimShipment contract, asked before a parcel leaves. */
      ordersClaimShipment: IFunction;
    },
  ) {
    super(scope, id);
    const environment: Environment<typeof shippingConfig> = { SHIPPING_TABLE_NAME: props.table.tableName };
    const fn = (name: string) =>
      new ServiceFunction(this, name, { service: 'shipping', config: shippingConfig, environment });
    const shipOrderEnvironment: Environment<typeof shipOrderConfig> = {
      ...environment,
      ORDERS_CLAIM_SHIPMENT_FUNCTION: props.ordersClaimShipment.functionName,
    };
    const shipOrder = new ServiceFunction(this, 'ShipOrder', {
      service: 'shipping',
      config: shipOrderConfig,
      environment: shipOrderEnvironment,
    });
    grantContractInvoke(props.ordersClaimShipment, shipOrder);
    const getShipment = fn('GetShipment');
    const prepareShipment = fn('PrepareShipment');
    const cancelShipment = fn('CancelShipment');
    grantTableAccess(props.table, ShippingTable, getShipment, 'read');
    for (const writer of [shipOrder, prepareShipment, cancelShipment])
      grantTableAccess(props.table, ShippingTable, writer, 'readWrite');

    props.api?.addRoute(shippingRoutes.shipOrder, shipOrder);
    props.api?.addRoute(shippingRoutes.getShipment, getShipment);
    new EventSubscription(this, 'PrepareShipmentOn', {
      bus: props.bus,
      events: [OrderConfirmed],
      consumer: prepareShipment,
    });
    new EventSubscription(this, 'CancelShipmentOn', {
      bus: props.bus,
      events: [OrderCancelled],
      consumer: cancelShipment,
    });
    this.outbox = new OutboxRelay(this, 'Outbox', {
      service: 'shipping',
      table: props.table,
      bus: props.bus,
    });
  }
}
