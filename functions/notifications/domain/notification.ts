import type { CancellationReason } from '../../orders/contracts/vocabulary.js';
import type { Money } from '../../shared/money.js';
import type { TrackingStatus } from '../../shipping/contracts/vocabulary.js';

export type NotificationType =
  | 'WELCOME'
  | 'PAYMENT_RECEIPT'
  | 'ORDER_CONFIRMED'
  | 'PAYMENT_FAILED'
  | 'ORDER_CANCELLED'
  | 'REFUND'
  | 'ORDER_SHIPPED'
  | 'SHIPMENT_UPDATE'
  | 'ADDRESS_CHANGED'
  | 'STOCK_LOW'
  | 'PAYMENT_ISSUE';

/** Who a notification is for: a customer, or every admin (stock alerts, payment issues). */
export const ADMINS = 'group:admin';

export interface Notification {
  /** Derived from the event and the type: the same event makes the same notification, once. */
  readonly id: string;
  readonly recipient: string;
  readonly type: NotificationType;
  readonly subject: string;
  readonly body: string;
  readonly createdAt: string;
  readonly read: boolean;
  /** When its email went out; absent while it has not (or when there is no address). */
  readonly emailedAt?: string;
}

/** What a message says: subject and body, from the facts of its event. */
export interface Message {
  readonly type: NotificationType;
  readonly subject: string;
  readonly body: string;
}

const dollars = ({ amount, currency }: Money) => `${(amount / 100).toFixed(2)} ${currency}`;
const shortId = (orderId: string) => orderId.slice(0, 8);

const REASONS: Readonly<Record<CancellationReason, string>> = {
  OUT_OF_STOCK: 'some items were out of stock',
  PAYMENT_DECLINED: 'the payment was declined',
  PAYMENT_FAILED: 'the payment could not be completed',
  CUSTOMER_CANCELLED: 'you cancelled it',
  UNKNOWN_PRODUCT: 'a product is no longer sold',
  RETURNED: 'the parcel came back to us; the payment is refunded',
};

/** What each move of a parcel means to its customer. */
const PARCEL_NEWS: Readonly<Record<TrackingStatus, { subject: string; body: string }>> = {
  IN_TRANSIT: { subject: 'is in transit', body: 'is in transit' },
  OUT_FOR_DELIVERY: { subject: 'is out for delivery', body: 'is out for delivery today' },
  DELIVERY_FAILED: {
    subject: 'could not be delivered',
    body: 'could not be delivered; the carrier will try again or send it back to us',
  },
  DELIVERED: { subject: 'was delivered', body: 'was delivered. Enjoy!' },
  RETURNED: { subject: 'came back to us', body: 'came back to us; we will refund your payment' },
};

/** The messages, one function per kind of news. Pure: the use case decides who gets them. */
export const messages = {
  welcome: (name: string): Message => ({
    type: 'WELCOME',
    subject: 'Welcome to the shop',
    body: `Hello ${name}, your account is ready. Happy shopping!`,
  }),
  receipt: (orderId: string, amount: Money, chargeId: string): Message => ({
    type: 'PAYMENT_RECEIPT',
    subject: `Receipt for order ${shortId(orderId)}`,
    body: `We charged ${dollars(amount)} for order ${orderId} (charge ${chargeId}).`,
  }),
  confirmed: (orderId: string, total: Money): Message => ({
    type: 'ORDER_CONFIRMED',
    subject: `Order ${shortId(orderId)} is confirmed`,
    body: `Your order ${orderId} of ${dollars(total)} is confirmed and will ship soon.`,
  }),
  paymentFailed: (orderId: string, amount: Money): Message => ({
    type: 'PAYMENT_FAILED',
    subject: `Payment for order ${shortId(orderId)} failed`,
    body: `We could not charge ${dollars(amount)} for order ${orderId}. Nothing was charged.`,
  }),
  cancelled: (orderId: string, reason: CancellationReason): Message => ({
    type: 'ORDER_CANCELLED',
    subject: `Order ${shortId(orderId)} is cancelled`,
    body: `Your order ${orderId} is cancelled: ${REASONS[reason]}.`,
  }),
  refund: (orderId: string, amount: Money): Message => ({
    type: 'REFUND',
    subject: `Refund for order ${shortId(orderId)}`,
    body: `We refunded ${dollars(amount)} for order ${orderId}.`,
  }),
  shipped: (orderId: string, carrier: string, trackingNumber: string): Message => ({
    type: 'ORDER_SHIPPED',
    subject: `Order ${shortId(orderId)} has shipped`,
    body: `Your order ${orderId} is on its way with ${carrier}, tracking number ${trackingNumber}.`,
  }),
  shipmentUpdate: (orderId: string, status: TrackingStatus, location?: string): Message => ({
    type: 'SHIPMENT_UPDATE',
    subject: `Order ${shortId(orderId)} ${PARCEL_NEWS[status].subject}`,
    body: `Your order ${orderId} ${PARCEL_NEWS[status].body}${location ? ` (${location})` : ''}.`,
  }),
  addressChanged: (orderId: string): Message => ({
    type: 'ADDRESS_CHANGED',
    subject: `New shipping address for order ${shortId(orderId)}`,
    body: `Your order ${orderId} will ship to the address you gave. If you did not change it, tell us at once.`,
  }),
  stockLow: (sku: string, available: number): Message => ({
    type: 'STOCK_LOW',
    subject: `Stock of ${sku} is low`,
    body: `Only ${available} units of ${sku} are left.`,
  }),
  paymentIssue: (
    orderId: string,
    issue: 'REFUND_FAILED' | 'DISPUTE_OPENED' | 'DISPUTE_WON' | 'DISPUTE_LOST',
    amount: Money,
    reference: string,
    reason: string | undefined,
  ): Message => {
    const what = {
      REFUND_FAILED: 'its refund failed after the provider accepted it: the customer has not been paid back',
      DISPUTE_OPENED: "the customer's bank opened a dispute: answer it in the provider's dashboard",
      DISPUTE_WON: 'the dispute was decided in the shop’s favour',
      DISPUTE_LOST: 'the dispute was lost: the money went back to the customer',
    }[issue];
    return {
      type: 'PAYMENT_ISSUE',
      subject: `Order ${shortId(orderId)}: ${issue.toLowerCase().replace('_', ' ')}`,
      body: `Order ${orderId} (${dollars(amount)}): ${what}. Provider reference ${reference}${reason ? `, reason ${reason}` : ''}.`,
    };
  },
};
