import * as z from 'zod/mini';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';
import { moneySchema } from '../../shared/money.js';
import { skuSchema } from './schemas.js';

/** The most skus one call may ask for: an order's line limit, with room to spare. */
export const MAX_SKUS_PER_LOOKUP = 100;

/**
 * The catalog's synchronous read contract: current name and price of several
 * skus at once. Cart and orders call it; skus the catalog does not know are
 * simply absent from the answer.
 */
export const GetProducts = defineContract({
  name: 'GetProducts',
  input: z.strictObject({ skus: z.array(skuSchema).check(z.minLength(1), z.maxLength(MAX_SKUS_PER_LOOKUP)) }),
  output: z.object({
    items: z.array(z.object({ sku: skuSchema, name: z.string(), price: moneySchema })),
  }),
});

export type ProductSummary = z.infer<typeof GetProducts.output>['items'][number];

/** The typed client other services use; `functionName` comes from their config. */
export const catalogReader = (client: LambdaInvoker, functionName: string) => ({
  async getProducts(skus: readonly string[]): Promise<ProductSummary[]> {
    const unique = [...new Set(skus)];
    const { items } = await invokeContract(client, functionName, GetProducts, { skus: unique });
    return items;
  },
});
