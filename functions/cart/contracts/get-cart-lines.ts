import * as z from 'zod';
import { skuSchema } from '../../catalog/contracts/schemas.js';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';

/** The cart's read contract for checkout: the customer's lines, unpriced. */
export const GetCartLines = defineContract({
  name: 'GetCartLines',
  input: z.strictObject({ userId: z.string().min(1).max(128) }),
  output: z.object({
    lines: z.array(z.object({ sku: skuSchema, quantity: z.number().int().min(1) })),
  }),
});

/** The typed client orders uses; `functionName` comes from its config. */
export const cartReader = (client: LambdaInvoker, functionName: string) => ({
  async lines(userId: string) {
    const { lines } = await invokeContract(client, functionName, GetCartLines, { userId });
    return lines;
  },
});
