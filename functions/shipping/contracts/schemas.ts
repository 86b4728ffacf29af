import * as z from 'zod/mini';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { warehouseIdSchema } from '../../inventory/contracts/warehouses.js';
import { shippingAddressSchema } from '../../orders/contracts/schemas.js';
import { text } from '../../shared/text.js';
import { SHIPMENT_STATUSES, TRACKING_STATUSES } from './vocabulary.js';

export const CARRIERS = ['UPS', 'FEDEX', 'DHL', 'USPS'] as const;
export const carrierSchema = z.enum(CARRIERS);
export const trackingStatusSchema = z.enum(TRACKING_STATUSES);

/** Where a parcel goes: the order's address, in orders' contract. */
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const shipOrderBody = z.strictObject({ carrier: z.optional(carrierSchema) });

/** The carrier's news of a parcel, as an admin records it; `at` defaults to now. */
export const trackingEventBody = z.strictObject({
  status: trackingStatusSchema,
  at: z.optional(z.iso.datetime({ offset: true })),
  location: z.optional(text(100)),
});

export const trackingEventView = z.object({
  status: trackingStatusSchema,
  at: z.string(),
  location: z.optional(z.string()),
});

export const shipmentView = z.object({
  carrier: carrierSchema,
  trackingNumber: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  shippedAt: z.string(),
  /** Where the parcel goes: the order's address when it was claimed for shipment. */
  shippingAddress: z.optional(shippingAddressSchema),
  /** Which warehouse each line leaves from. */
  warehouses: z.array(
    z.object({
      warehouseId: warehouseIdSchema,
      lines: z.array(z.object({ sku: skuSchema, quantity: z.int().check(z.gte(1)) })),
    }),
  ),
  events: z.array(trackingEventView),
});
export type ShipmentView = z.infer<typeof shipmentView>;
