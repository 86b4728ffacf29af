import * as z from 'zod/mini';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';

/** The cart's read contract for checkout: the customer's lines, unpriced. */
export const GetCartLines = defineContract({
  name: 'GetCartLines',
  input: z.strictObject({ userId: z.string().check(z.minLength(1), z.maxLength(128)) }),
  output: z.object({
    lines: z.array(z.object({ sku: skuSchema, quantity: z.int().check(z.gte(1)) })),
  }),
});

/** The typed client orders uses; `functionName` comes from its config. */
export const cartReader = (client: LambdaInvoker, functionName: string) => ({
  async lines(userId: string) {
    const { lines } = await invokeContract(client, functionName, GetCartLines, { userId });
    return lines;
  },
});
