import * as z from 'zod/mini';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { countryCodeSchema } from '../../shared/country.js';
import { text } from '../../shared/text.js';

/** The warehouse that always exists; `PUT /inventory/{sku}` sets the stock there. */
export const MAIN_WAREHOUSE = 'main';

/** The order warehouses are shown and tried in: main first, then by id. */
export const compareWarehouseIds = (a: string, b: string): number =>
  a === b ? 0 : a === MAIN_WAREHOUSE ? -1 : b === MAIN_WAREHOUSE ? 1 : a < b ? -1 : 1;

export const warehouseIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,31}$/));

/** Units of one line of an order, and the warehouse they leave from. */
export const allocationSchema = z.object({
  sku: skuSchema,
  warehouseId: warehouseIdSchema,
  quantity: z.int().check(z.gte(1), z.lte(10_000)),
});
export type Allocation = z.infer<typeof allocationSchema>;

export const warehouseView = z.object({ id: warehouseIdSchema, name: z.string(), country: z.string() });
export type WarehouseView = z.infer<typeof warehouseView>;

export const createWarehouseBody = z.strictObject({
  id: warehouseIdSchema,
  name: text(100),
  country: countryCodeSchema,
});
export type CreateWarehouseInput = z.infer<typeof createWarehouseBody>;
