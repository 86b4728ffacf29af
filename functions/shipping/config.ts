import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';

export const shippingConfig = defineConfig({ SHIPPING_TABLE_NAME: z.string().check(z.minLength(1)) });

/** ShipOrder also asks orders, through its ClaimShipment contract, before a parcel leaves. */
export const shipOrderConfig = defineConfig({
  SHIPPING_TABLE_NAME: z.string().check(z.minLength(1)),
  ORDERS_CLAIM_SHIPMENT_FUNCTION: z.string().check(z.minLength(1)),
});
