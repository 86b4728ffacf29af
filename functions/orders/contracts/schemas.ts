import * as z from 'zod/mini';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { paymentTokenSchema } from '../../payments/contracts/schemas.js';
import { countryCodeSchema } from '../../shared/country.js';
import { moneySchema } from '../../shared/money.js';
import { pageQuery } from '../../shared/pagination.js';
import { text } from '../../shared/text.js';
import type { ShippingAddress } from '../domain/order.js';
import { CANCELLATION_REASONS, ORDER_STATUSES } from './vocabulary.js';

/** The most lines one order may have (API.md). */
export const MAX_ORDER_LINES = 50;

export const shippingAddressSchema = z.strictObject({
  name: text(100),
  line1: text(200),
  line2: z.optional(text(200)),
  city: text(100),
  postalCode: text(20),
  country: countryCodeSchema,
}) satisfies z.ZodMiniType<ShippingAddress>;

/**
 * What stays of an address once its customer deleted their account: the
 * country, for the books; every other field reads `(deleted)`. Orders and
 * shipping anonymize alike.
 */
export const ANONYMIZED = '(deleted)';
export const anonymizedAddress = ({ country }: ShippingAddress): ShippingAddress => ({
  name: ANONYMIZED,
  line1: ANONYMIZED,
  city: ANONYMIZED,
  postalCode: ANONYMIZED,
  country,
});

export const requestedItemSchema = z.strictObject({
  sku: skuSchema,
  quantity: z.int().check(z.gte(1), z.lte(10)),
});

export const placeOrderBody = z.strictObject({
  items: z.array(requestedItemSchema).check(z.minLength(1), z.maxLength(MAX_ORDER_LINES)),
  shippingAddress: shippingAddressSchema,
  paymentToken: paymentTokenSchema,
});
export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

export const checkOutBody = z.strictObject({
  shippingAddress: shippingAddressSchema,
  paymentToken: paymentTokenSchema,
});

/** The Idempotency-Key header: 1..255 visible ASCII characters. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ error: 'The Idempotency-Key header is required.' })
    .check(z.regex(/^[\x21-\x7e]{1,255}$/, 'must be 1..255 visible ASCII characters')),
});

export const listOrdersQuery = z.strictObject(pageQuery);

/** The admins' list: every customer's orders, of one status or all. */
export const adminOrdersQuery = z.strictObject({ ...pageQuery, status: z.optional(z.enum(ORDER_STATUSES)) });

export const changeAddressBody = z.strictObject({ shippingAddress: shippingAddressSchema });

export const orderStatusSchema = z.enum(ORDER_STATUSES);
export const cancellationReasonSchema = z.enum(CANCELLATION_REASONS);

export const orderLineSchema = z.object({
  sku: skuSchema,
  name: z.string(),
  quantity: z.int().check(z.gte(1)),
  unitPrice: moneySchema,
});

export const orderView = z.object({
  orderId: z.string(),
  status: orderStatusSchema,
  items: z.array(orderLineSchema),
  total: moneySchema,
  shippingAddress: shippingAddressSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  cancellationReason: z.optional(cancellationReasonSchema),
});
export type OrderView = z.infer<typeof orderView>;

/** An order as the admins' list shows it: whose it is, too. */
export const adminOrderView = z.extend(orderView, { userId: z.string() });
export type AdminOrderView = z.infer<typeof adminOrderView>;

export const historyEntryView = z.object({
  type: z.string(),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type HistoryEntryView = z.infer<typeof historyEntryView>;
