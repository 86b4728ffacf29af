import { cartService } from './cart/service.js';
import { catalogEvents } from './catalog/contracts/events.js';
import { catalogService } from './catalog/service.js';
import { inventoryEvents } from './inventory/contracts/events.js';
import { inventoryService } from './inventory/service.js';
import { notificationsService } from './notifications/service.js';
import { ordersEvents } from './orders/contracts/events.js';
import { ordersService } from './orders/service.js';
import { paymentsEvents } from './payments/contracts/events.js';
import { paymentsService } from './payments/service.js';
import { platformService } from './platform/service.js';
import type { EventDefinition } from './shared/events/define-event.js';
import type { ServiceManifest, ServiceName } from './shared/service-manifest.js';
import { shippingEvents } from './shipping/contracts/events.js';
import { shippingService } from './shipping/service.js';
import { usersEvents } from './users/contracts/events.js';
import { usersService } from './users/service.js';

/**
 * Every service of the shop, in the order they are built: a service comes
 * after those whose read contracts it calls and whose saga tasks its
 * workflows run. The platform's functions live with the HTTP API.
 */
export const SERVICES = [
  platformService,
  catalogService,
  cartService,
  inventoryService,
  paymentsService,
  ordersService,
  notificationsService,
  shippingService,
  usersService,
] as const satisfies readonly ServiceManifest[];

/** The services that own a table, in the same order. */
export const STATEFUL_SERVICES = SERVICES.filter(
  (service): service is Extract<(typeof SERVICES)[number], { table: object }> => 'table' in service,
);

/** The events each service publishes through its outbox, by service. */
export const EVENTS_BY_SERVICE: Readonly<Partial<Record<ServiceName, readonly EventDefinition[]>>> = {
  catalog: catalogEvents,
  inventory: inventoryEvents,
  orders: ordersEvents,
  payments: paymentsEvents,
  shipping: shippingEvents,
  users: usersEvents,
};

/** Every event definition of every service: the only patterns a rule may use. */
export const ALL_EVENTS: readonly EventDefinition[] = Object.values(EVENTS_BY_SERVICE).flatMap(
  (events) => events ?? [],
);

/** The `source`s of the events a service publishes: all its relay may put on the bus. */
export const eventSourcesOf = (service: ServiceName): readonly string[] => [
  ...new Set((EVENTS_BY_SERVICE[service] ?? []).map((event) => event.source)),
];
