import * as z from 'zod';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { defineEvent } from '../../shared/events/define-event.js';
import { carrierSchema } from './schemas.js';

export const OrderShipped = defineEvent({
  source: 'shop.shipping',
  detailType: 'OrderShipped',
  version: 1,
  data: z.object({
    orderId: orderRefSchema,
    userId: z.string().min(1).max(128),
    carrier: carrierSchema,
    trackingNumber: z.string().min(1).max(64),
    shippedAt: z.iso.datetime(),
  }),
});

export const shippingEvents = [OrderShipped] as const;
