import {
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
} from '../../inventory/contracts/events.js';
import { PaymentCompleted, PaymentFailed, PaymentRefunded } from '../../payments/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { orderStepDependencies } from '../dependencies.js';
import { recordHistory } from '../use-cases/record-history.js';

/** The other services' events about an order, which make up its timeline. */
export const orderHistoryEvents = [
  InventoryReserved,
  InventoryReservationFailed,
  InventoryReleased,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
] as const;

export const recordOrderHistoryHandler = (deps = orderStepDependencies) =>
  eventConsumer(orderHistoryEvents, (event) => recordHistory(deps(), event));

export const handler = recordOrderHistoryHandler();
