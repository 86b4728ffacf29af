import * as z from 'zod/mini';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { defineEvent } from '../../shared/events/define-event.js';
import { orderLineSchema } from './schemas.js';
import { RESERVATION_FAILURE_REASONS } from './vocabulary.js';
import { allocationSchema } from './warehouses.js';

const source = 'shop.inventory';
const orderId = orderRefSchema;

export const InventoryReserved = defineEvent({
  source,
  detailType: 'InventoryReserved',
  version: 1,
  /** `allocations`: where the units are held (absent from events published before warehouses). */
  data: z.object({
    orderId,
    lines: z.array(orderLineSchema),
    allocations: z.optional(z.array(allocationSchema)),
  }),
});

export const InventoryReservationFailed = defineEvent({
  source,
  detailType: 'InventoryReservationFailed',
  version: 1,
  data: z.object({
    orderId,
    reason: z.enum(RESERVATION_FAILURE_REASONS),
    skus: z.array(skuSchema),
  }),
});

export const InventoryReleased = defineEvent({
  source,
  detailType: 'InventoryReleased',
  version: 1,
  data: z.object({
    orderId,
    lines: z.array(orderLineSchema),
    reason: z.enum(['COMPENSATION', 'EXPIRED', 'CANCELLED_AFTER_SALE']),
  }),
});

export const StockLow = defineEvent({
  source,
  detailType: 'StockLow',
  version: 1,
  data: z.object({ sku: skuSchema, available: z.int().check(z.gte(0)), threshold: z.int().check(z.gte(0)) }),
});

/**
 * A sku went out of stock or came back. `stockVersion` orders the changes of
 * one sku, so a consumer can ignore one that arrives after a newer one.
 */
export const StockAvailabilityChanged = defineEvent({
  source,
  detailType: 'StockAvailabilityChanged',
  version: 1,
  data: z.object({
    sku: skuSchema,
    inStock: z.boolean(),
    available: z.int().check(z.gte(0)),
    stockVersion: z.int().check(z.gte(1)),
  }),
});

export const inventoryEvents = [
  InventoryReserved,
  InventoryReservationFailed,
  InventoryReleased,
  StockLow,
  StockAvailabilityChanged,
] as const;
