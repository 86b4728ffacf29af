import * as z from 'zod/mini';
import { orderRefSchema } from '../../orders/contracts/ids.js';
import { orderLineSchema } from './schemas.js';
import { allocationSchema } from './warehouses.js';

/**
 * Inventory's steps of the order saga. The state machine calls them with
 * these inputs and matches on the error names below in its Catch rules.
 */
const orderId = orderRefSchema;
const correlationId = z.string().check(z.minLength(1), z.maxLength(128));

export const ReserveInventoryTask = {
  input: z.object({ orderId, correlationId, lines: z.array(orderLineSchema).check(z.minLength(1)) }),
  output: z.object({ orderId, lines: z.array(orderLineSchema), allocations: z.array(allocationSchema) }),
} as const;

export const ReleaseInventoryTask = {
  input: z.object({ orderId, correlationId }),
  output: z.object({ orderId, outcome: z.enum(['RELEASED', 'NOTHING_TO_RELEASE']) }),
} as const;

/**
 * CommitInventory as a step of the saga's executions started before
 * ConfirmOrder sold the units itself (through the CommitInventory contract,
 * commit-inventory.ts): kept while such executions may still run.
 */
export const CommitInventoryTask = {
  input: z.object({ orderId, correlationId }),
  output: z.object({ orderId, outcome: z.literal('COMMITTED'), shipFrom: z.array(allocationSchema) }),
} as const;

/**
 * CommitInventory's refusal as such a step: the order's units are no longer
 * held for it (the hold ran out and was given back, or there never was one).
 * Never retried: the saga compensates, and the order is cancelled.
 */
export const CommitRefusals = { notHeld: 'ReservationNotHeldError' } as const;

/** Business refusals of ReserveInventory: never retried, they go straight to compensation. */
export const ReservationRefusals = {
  outOfStock: 'OutOfStockError',
  unknownProduct: 'UnknownProductError',
} as const;
