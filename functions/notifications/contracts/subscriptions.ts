import { StockLow } from '../../inventory/contracts/events.js';
import { OrderCancelled, OrderConfirmed } from '../../orders/contracts/events.js';
import { PaymentCompleted, PaymentFailed, PaymentRefunded } from '../../payments/contracts/events.js';
import { OrderShipped } from '../../shipping/contracts/events.js';
import { UserRegistered } from '../../users/contracts/events.js';

/** Every event that makes a message. */
export const notificationEvents = [
  UserRegistered,
  PaymentCompleted,
  OrderConfirmed,
  PaymentFailed,
  OrderCancelled,
  PaymentRefunded,
  OrderShipped,
  StockLow,
] as const;
