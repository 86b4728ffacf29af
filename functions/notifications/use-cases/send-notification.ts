import type * as z from 'zod/mini';
import { StockLow } from '../../inventory/contracts/events.js';
import { OrderAddressChanged, OrderCancelled, OrderConfirmed } from '../../orders/contracts/events.js';
import {
  PaymentCompleted,
  PaymentFailed,
  PaymentIssueReported,
  PaymentRefunded,
} from '../../payments/contracts/events.js';
import type { EventDefinition } from '../../shared/events/define-event.js';
import { OrderShipped, ShipmentStatusChanged } from '../../shipping/contracts/events.js';
import { UserRegistered } from '../../users/contracts/events.js';
import { ADMINS, type Message, messages } from '../domain/notification.js';
import { notify, welcome } from './notify.js';
import type { NotificationsDependencies } from './ports.js';

/** What one kind of event means: for whom, and what to tell them. */
const rule = <S extends z.ZodMiniType>(
  definition: EventDefinition<S>,
  make: (data: z.output<S>) => { recipient: string; message: Message },
) => ({
  definition: definition as EventDefinition,
  make: (data: unknown) => make(definition.data.parse(data)),
});

const RULES = [
  rule(PaymentCompleted, (d) => ({
    recipient: d.userId,
    message: messages.receipt(d.orderId, d.amount, d.chargeId),
  })),
  rule(OrderConfirmed, (d) => ({ recipient: d.userId, message: messages.confirmed(d.orderId, d.total) })),
  rule(PaymentFailed, (d) => ({ recipient: d.userId, message: messages.paymentFailed(d.orderId, d.amount) })),
  rule(OrderCancelled, (d) => ({ recipient: d.userId, message: messages.cancelled(d.orderId, d.reason) })),
  rule(PaymentRefunded, (d) => ({ recipient: d.userId, message: messages.refund(d.orderId, d.amount) })),
  rule(OrderShipped, (d) => ({
    recipient: d.userId,
    message: messages.shipped(d.orderId, d.carrier, d.trackingNumber),
  })),
  rule(ShipmentStatusChanged, (d) => ({
    recipient: d.userId,
    message: messages.shipmentUpdate(d.orderId, d.status, d.location),
  })),
  rule(OrderAddressChanged, (d) => ({ recipient: d.userId, message: messages.addressChanged(d.orderId) })),
  rule(StockLow, (d) => ({ recipient: ADMINS, message: messages.stockLow(d.sku, d.available) })),
  rule(PaymentIssueReported, (d) => ({
    recipient: ADMINS,
    message: messages.paymentIssue(d.orderId, d.issue, d.amount, d.providerReference, d.reason),
  })),
];

/**
 * Every event that makes a message: the welcome, and each rule's. The one
 * list: the manifest subscribes the function to these, and the handler accepts them.
 */
export const notifiedEvents: readonly EventDefinition[] = [UserRegistered, ...RULES.map((r) => r.definition)];

/** Turns one event into the message it means, for whom it is meant. */
export const sendNotification = async (
  deps: NotificationsDependencies,
  event: { detailType: string; detail: { metadata: { eventId: string; occurredAt: string }; data: unknown } },
): Promise<void> => {
  const { eventId, occurredAt } = event.detail.metadata;
  if (event.detailType === UserRegistered.detailType) {
    const { userId, email, name } = UserRegistered.data.parse(event.detail.data);
    return welcome(deps, { eventId, occurredAt }, { userId, email, name });
  }
  const meaning = RULES.find((candidate) => candidate.definition.detailType === event.detailType);
  if (!meaning) throw new Error(`No message for ${event.detailType} events.`);
  await notify(deps, { eventId, occurredAt, ...meaning.make(event.detail.data) });
};
