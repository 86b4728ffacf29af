import {
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
} from '../../inventory/contracts/events.js';
import { PaymentCompleted, PaymentFailed, PaymentRefunded } from '../../payments/contracts/events.js';
import { ShipmentStatusChanged } from '../../shipping/contracts/events.js';

/** The other services' events about an order, which make up its timeline (with orders' own). */
export const orderHistoryEvents = [
  InventoryReserved,
  InventoryReservationFailed,
  InventoryReleased,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  ShipmentStatusChanged,
] as const;
