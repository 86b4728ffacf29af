import * as z from 'zod/mini';
import { allocationSchema } from '../../inventory/contracts/warehouses.js';
import { defineEvent } from '../../shared/events/define-event.js';
import { moneySchema } from '../../shared/money.js';
import { orderRefSchema } from './ids.js';
import { cancellationReasonSchema, orderLineSchema } from './schemas.js';

const source = 'shop.orders';
const orderId = orderRefSchema;
const userId = z.string().check(z.minLength(1), z.maxLength(128));

/**
 * An order was accepted. It starts the order saga. The payment token stays
 * in the orders table: events are archived, tokens should not be.
 */
export const OrderPlaced = defineEvent({
  source,
  detailType: 'OrderPlaced',
  version: 1,
  data: z.object({
    orderId,
    userId,
    items: z.array(orderLineSchema),
    total: moneySchema,
    /** Set when the order came from the cart, so the cart can remove what was ordered. */
    fromCart: z.boolean(),
  }),
});

export const OrderConfirmed = defineEvent({
  source,
  detailType: 'OrderConfirmed',
  version: 1,
  /** `shipFrom`: the warehouse each line's units leave from (absent from orders confirmed before warehouses). */
  data: z.object({
    orderId,
    userId,
    items: z.array(orderLineSchema),
    total: moneySchema,
    shipFrom: z.optional(z.array(allocationSchema)),
  }),
});

export const OrderCancelled = defineEvent({
  source,
  detailType: 'OrderCancelled',
  version: 1,
  data: z.object({ orderId, userId, reason: cancellationReasonSchema, total: moneySchema }),
});

/** A compensation could not finish: an operator must look at the order. */
export const OrderNeedsAttention = defineEvent({
  source,
  detailType: 'OrderNeedsAttention',
  version: 1,
  data: z.object({ orderId, userId, failedStep: z.string(), error: z.string() }),
});

/**
 * The customer gave the order a new shipping address before it shipped. The
 * address itself stays in the orders table: events are archived, and an
 * address is personal data a deleted account's orders must be able to lose.
 */
export const OrderAddressChanged = defineEvent({
  source,
  detailType: 'OrderAddressChanged',
  version: 1,
  data: z.object({ orderId, userId }),
});

/** The carrier delivered the order's parcel: the order is DELIVERED, for good. */
export const OrderDelivered = defineEvent({
  source,
  detailType: 'OrderDelivered',
  version: 1,
  data: z.object({ orderId, userId, deliveredAt: z.iso.datetime({ offset: true }) }),
});
/**
 * The order's customer deleted their account: the order keeps its lines and
 * money for the books, its address anonymized (the country kept). Shipping
 * does the same to the order's shipment.
 */
export const OrderAnonymized = defineEvent({
  source,
  detailType: 'OrderAnonymized',
  version: 1,
  data: z.object({ orderId, userId }),
});

export const ordersEvents = [
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  OrderNeedsAttention,
  OrderAddressChanged,
  OrderDelivered,
  OrderAnonymized,
] as const;
