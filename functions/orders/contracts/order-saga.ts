import * as z from 'zod/mini';
import { orderLineSchema as reservedLineSchema } from '../../inventory/contracts/schemas.js';
import { paymentTokenSchema } from '../../payments/contracts/schemas.js';
import { moneySchema } from '../../shared/money.js';
import { orderRefSchema } from './ids.js';
import { orderStatusSchema } from './schemas.js';

/**
 * The order saga's data. The saga starts with `OrderSagaInput`; a failed
 * step adds its error under its own key (`reservationFailure`, ...), so the
 * compensations know what happened without extra states.
 */
const orderId = orderRefSchema;
const correlationId = z.string().check(z.minLength(1), z.maxLength(128));

/** What a Catch rule records: the error name and its cause, as Step Functions gives them. */
export const stepFailureSchema = z.object({ Error: z.string(), Cause: z.optional(z.string()) });
export type StepFailure = z.infer<typeof stepFailureSchema>;

export const OrderSagaInput = z.object({
  orderId,
  userId: z.string().check(z.minLength(1), z.maxLength(128)),
  correlationId,
  lines: z.array(reservedLineSchema).check(z.minLength(1)),
  total: moneySchema,
  paymentToken: paymentTokenSchema,
});
export type OrderSagaInput = z.infer<typeof OrderSagaInput>;

/**
 * The cancellation workflow's input: the saga's compensations, from the top.
 * A customer's cancellation of a confirmed order says so (CUSTOMER_CANCELLED);
 * without it, the shop gives up on an order still PENDING whose saga stopped
 * (`cancelStalledOrder`).
 */
export const OrderCancellationInput = z.object({
  orderId,
  userId: z.string().check(z.minLength(1), z.maxLength(128)),
  correlationId,
  customerRequest: z.optional(z.literal(true)),
  /**
   * Which attempt at the cancellation this is: 0 for the first, then the
   * order's stall count. Each attempt runs under a name of its own, so an
   * attempt that ended without deciding the order never blocks the next.
   */
  attempt: z.optional(z.int().check(z.gte(0), z.lte(100))),
});
export type OrderCancellationInput = z.infer<typeof OrderCancellationInput>;

/** Where a forward step's failure is kept in the saga's state. */
export const forwardFailures = {
  reservationFailure: z.optional(stepFailureSchema),
  paymentFailure: z.optional(stepFailureSchema),
  /** Only in executions started before ConfirmOrder sold the units itself (see `cancellationReasonFor`). */
  commitFailure: z.optional(stepFailureSchema),
  confirmationFailure: z.optional(stepFailureSchema),
};

/** Where a compensation's failure is kept in the saga's state. */
export const compensationFailures = {
  abandonFailure: z.optional(stepFailureSchema),
  refundFailure: z.optional(stepFailureSchema),
  releaseFailure: z.optional(stepFailureSchema),
  cancellationFailure: z.optional(stepFailureSchema),
};

export const ConfirmOrderTask = {
  /**
   * An execution started before ConfirmOrder sold the units itself also
   * passes `committed`, its own CommitInventory step's answer: left out (the
   * object drops what it does not name), as the commit answers the same again.
   */
  input: z.object({ orderId, correlationId }),
  output: z.object({ orderId, status: z.literal('CONFIRMED') }),
} as const;

/** The gate's decisions that the workflows act on (the Choice after AbandonOrder). */
export const AbandonDecisions = { keep: 'KEEP', compensate: 'COMPENSATE' } as const;

export const AbandonOrderTask = {
  input: z.object({ orderId, correlationId, customerRequest: z.optional(z.boolean()) }),
  output: z.object({
    orderId,
    status: orderStatusSchema,
    decision: z.enum([AbandonDecisions.keep, AbandonDecisions.compensate]),
  }),
} as const;

export const CancelOrderTask = {
  input: z.object({
    orderId,
    correlationId,
    customerRequest: z.optional(z.boolean()),
    ...forwardFailures,
  }),
  output: z.object({
    orderId,
    status: z.enum(['CANCELLED', 'UNCHANGED']),
    reason: z.optional(z.string()),
  }),
} as const;

export const MarkNeedsAttentionTask = {
  input: z.object({ orderId, correlationId, ...forwardFailures, ...compensationFailures }),
  output: z.object({ orderId, status: z.enum(['NEEDS_ATTENTION', 'UNCHANGED']) }),
} as const;

/**
 * ConfirmOrder's refusals: the order is no longer PENDING (cancelled or set
 * aside meanwhile), or inventory no longer holds its units (the hold ran out
 * and was given back before they could be sold).
 */
export const ConfirmationRefusals = {
  notPending: 'OrderNotPendingError',
  stockNotHeld: 'StockNoLongerHeldError',
} as const;
