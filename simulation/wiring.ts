import { ProductCreated } from '../functions/catalog/contracts/events.js';
import { StockAvailabilityChanged } from '../functions/inventory/contracts/events.js';
import { notificationEvents } from '../functions/notifications/contracts/subscriptions.js';
import { OrderCancelled, OrderConfirmed, OrderPlaced } from '../functions/orders/contracts/events.js';
import { orderHistoryEvents } from '../functions/orders/contracts/subscriptions.js';
import type { DomainEvent, EventDefinition } from '../functions/shared/events/define-event.js';
import { OrderShipped } from '../functions/shipping/contracts/events.js';

/**
 * The bus's subscriptions as the stacks make them (infra/constructs/*-service.ts):
 * which consumer (its service's construct id and its function's) hears which
 * events, and the rule's filter beyond the event's own pattern. The infra
 * test holds this list to the synthesized rules, so it cannot drift from them.
 */
export const SUBSCRIPTIONS = [
  {
    service: 'Cart',
    consumer: 'RemoveCheckedOutItems',
    events: [OrderPlaced],
    where: (data: unknown) => (data as { fromCart?: boolean }).fromCart === true,
  },
  { service: 'Catalog', consumer: 'UpdateStockStatus', events: [StockAvailabilityChanged] },
  { service: 'Inventory', consumer: 'CreateStockItem', events: [ProductCreated] },
  { service: 'Notifications', consumer: 'SendNotification', events: notificationEvents },
  { service: 'Orders', consumer: 'StartOrderSaga', events: [OrderPlaced] },
  { service: 'Orders', consumer: 'RecordOrderHistory', events: orderHistoryEvents },
  { service: 'Orders', consumer: 'MarkOrderShipped', events: [OrderShipped] },
  { service: 'Shipping', consumer: 'PrepareShipment', events: [OrderConfirmed] },
  { service: 'Shipping', consumer: 'CancelShipment', events: [OrderCancelled] },
] as const satisfies readonly {
  service: string;
  consumer: string;
  events: readonly EventDefinition[];
  where?: (data: unknown) => boolean;
}[];

export type ConsumerName = (typeof SUBSCRIPTIONS)[number]['consumer'];

export interface Subscription<H> {
  readonly name: ConsumerName;
  readonly handler: H;
  matches(event: DomainEvent): boolean;
}

/** The subscriptions with their consumers' handlers. */
export const subscriptions = <H>(handlers: Readonly<Record<ConsumerName, H>>): Subscription<H>[] =>
  SUBSCRIPTIONS.map((subscription) => ({
    name: subscription.consumer,
    handler: handlers[subscription.consumer],
    matches: (event) =>
      subscription.events.some(
        (definition: EventDefinition) =>
          definition.source === event.source && definition.detailType === event.detailType,
      ) && ('where' in subscription ? subscription.where(event.detail.data) : true),
  }));
