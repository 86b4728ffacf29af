import * as z from 'zod';

export const CARRIERS = ['UPS', 'FEDEX', 'DHL', 'USPS'] as const;
export const carrierSchema = z.enum(CARRIERS);

export const shipOrderBody = z.strictObject({ carrier: carrierSchema.optional() });

export const shipmentView = z.object({
  carrier: carrierSchema,
  trackingNumber: z.string(),
  status: z.literal('SHIPPED'),
  shippedAt: z.string(),
});
export type ShipmentView = z.infer<typeof shipmentView>;
