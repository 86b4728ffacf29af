import * as z from 'zod/mini';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { defineEvent } from '../../shared/events/define-event.js';
import { text } from '../../shared/text.js';
import { carrierSchema, trackingStatusSchema } from './schemas.js';

export const OrderShipped = defineEvent({
  source: 'shop.shipping',
  detailType: 'OrderShipped',
  version: 1,
  data: z.object({
    orderId: orderRefSchema,
    userId: z.string().check(z.minLength(1), z.maxLength(128)),
    carrier: carrierSchema,
    trackingNumber: z.string().check(z.minLength(1), z.maxLength(64)),
    shippedAt: z.iso.datetime(),
  }),
});

/**
 * The carrier's news of a shipped parcel: its new status, when the carrier
 * saw it, and where. DELIVERED delivers the order; RETURNED refunds and
 * restocks it; every one is news for the customer.
 */
export const ShipmentStatusChanged = defineEvent({
  source: 'shop.shipping',
  detailType: 'ShipmentStatusChanged',
  version: 1,
  data: z.object({
    orderId: orderRefSchema,
    userId: z.string().check(z.minLength(1), z.maxLength(128)),
    status: trackingStatusSchema,
    at: z.iso.datetime({ offset: true }),
    location: z.optional(text(100)),
    carrier: carrierSchema,
    trackingNumber: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
});

export const shippingEvents = [OrderShipped, ShipmentStatusChanged] as const;
