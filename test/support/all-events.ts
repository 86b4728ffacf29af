import { catalogEvents } from '../../functions/catalog/contracts/events.js';
import { inventoryEvents } from '../../functions/inventory/contracts/events.js';
import { ordersEvents } from '../../functions/orders/contracts/events.js';
import { paymentsEvents } from '../../functions/payments/contracts/events.js';
import type { EventDefinition } from '../../functions/shared/events/define-event.js';
import { shippingEvents } from '../../functions/shipping/contracts/events.js';
import { usersEvents } from '../../functions/users/contracts/events.js';

/** Every event definition of every service: the only patterns a rule may use. */
export const allEvents: readonly EventDefinition[] = [
  ...catalogEvents,
  ...inventoryEvents,
  ...ordersEvents,
  ...paymentsEvents,
  ...shippingEvents,
  ...usersEvents,
];
