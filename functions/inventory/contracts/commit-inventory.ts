import * as z from 'zod/mini';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';
import { allocationSchema } from './warehouses.js';

/**
 * Orders asks inventory to sell an order's held units before it confirms the
 * order (the saga's ConfirmOrder step): idempotent, and the answer says where
 * the sold units leave from, for the shipment. An order whose units are no
 * longer held for it (the hold ran out and was given back, or there never
 * was one) is refused with NOT_HELD: it cannot be confirmed, and the saga
 * compensates.
 */
export const CommitInventory = defineContract({
  name: 'CommitInventory',
  input: z.strictObject({ orderId: orderRefSchema }),
  output: z.union([
    z.object({ outcome: z.literal('COMMITTED'), shipFrom: z.array(allocationSchema) }),
    z.object({ outcome: z.literal('NOT_HELD') }),
  ]),
});

export type CommitOutcome = z.infer<typeof CommitInventory.output>;

/** The typed client orders uses; `functionName` comes from its config. */
export const inventoryCommits = (client: LambdaInvoker, functionName: string) => ({
  commit: (orderId: string): Promise<CommitOutcome> =>
    invokeContract(client, functionName, CommitInventory, { orderId }),
});
