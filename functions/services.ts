import { cartService } from './cart/service.js';
import { catalogService } from './catalog/service.js';
import { inventoryService } from './inventory/service.js';
import { notificationsService } from './notifications/service.js';
import { ordersService } from './orders/service.js';
import { paymentsService } from './payments/service.js';
import { platformService } from './platform/service.js';
import type { ServiceManifest } from './shared/service-manifest.js';
import { shippingService } from './shipping/service.js';
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
