import * as z from 'zod/mini';
import { defineContract, invokeContract, type LambdaInvoker } from '../../shared/invoke/contract.js';
import { orderIdSchema } from './ids.js';
import { shippingAddressSchema } from './schemas.js';

/**
 * Shipping asks orders before a parcel leaves: a confirmed order whose
 * customer has not asked to cancel is claimed for shipment (from then on it
 * can no longer be cancelled, nor its address changed) and the answer gives
 * the address it ships to; any other is refused, with why.
 */
export const ClaimShipment = defineContract({
  name: 'ClaimShipment',
  input: z.strictObject({ orderId: orderIdSchema }),
  output: z.object({
    claimed: z.boolean(),
    /** The order's status, or CANCELLATION_REQUESTED, or UNKNOWN for an order orders does not have. */
    status: z.string(),
    /** Where the parcel goes: the order's address as it was claimed, which can no longer change. */
    shippingAddress: z.optional(shippingAddressSchema),
  }),
});

/** The typed client shipping uses; `functionName` comes from its config. */
export const shipmentClaims = (client: LambdaInvoker, functionName: string) => ({
  claim: (orderId: string) => invokeContract(client, functionName, ClaimShipment, { orderId }),
});
