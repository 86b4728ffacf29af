import * as z from 'zod';
import { orderLineSchema as reservedLineSchema } from '../../inventory/contracts/schemas.js';
import { allocationSchema } from '../../inventory/contracts/warehouses.js';
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
const correlationId = z.string().min(1).max(128);

/** What a Catch rule records: the error name and its cause, as Step Functions gives them. */
export const stepFailureSchema = z.object({ Error: z.string(), Cause: z.string().optional() });
export type StepFailure = z.infer<typeof stepFailureSchema>;

export const OrderSagaInput = z.object({
  orderId,
  userId: z.string().min(1).max(128),
  correlationId,
  lines: z.array(reservedLineSchema).min(1),
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
  userId: z.string().min(1).max(128),
  correlationId,
  customerRequest: z.literal(true).optional(),
  /**
   * Which attempt at the cancellation this is: 0 for the first, then the
   * order's stall count. Each attempt runs under a name of its own, so an
   * attempt that ended without deciding the order never blocks the next.
   */
  attempt: z.number().int().min(0).max(100).optional(),
});
export type OrderCancellationInput = z.infer<typeof OrderCancellationInput>;

/** Where a forward step's failure is kept in the saga's state. */
export const forwardFailures = {
  reservationFailure: stepFailureSchema.optional(),
  paymentFailure: stepFailureSchema.optional(),
  commitFailure: stepFailureSchema.optional(),
  confirmationFailure: stepFailureSchema.optional(),
};

/** Where a compensation's failure is kept in the saga's state. */
export const compensationFailures = {
  abandonFailure: stepFailureSchema.optional(),
  refundFailure: stepFailureSchema.optional(),
  releaseFailure: stepFailureSchema.optional(),
  cancellationFailure: stepFailureSchema.optional(),
};

export const ConfirmOrderTask = {
  /** `committed`: CommitInventory's answer, with where the sold units leave from (`shipFrom`, absent before warehouses). */
  input: z.object({
    orderId,
    correlationId,
    committed: z.object({ shipFrom: z.array(allocationSchema).optional() }).optional(),
  }),
  output: z.object({ orderId, status: z.literal('CONFIRMED') }),
} as const;

/** The gate's decisions that the workflows act on (the Choice after AbandonOrder). */
export const AbandonDecisions = { keep: 'KEEP', compensate: 'COMPENSATE' } as const;

export const AbandonOrderTask = {
  input: z.object({ orderId, correlationId, customerRequest: z.boolean().optional() }),
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
    customerRequest: z.boolean().optional(),
    ...forwardFailures,
  }),
  output: z.object({
    orderId,
    status: z.enum(['CANCELLED', 'UNCHANGED']),
    reason: z.string().optional(),
  }),
} as const;

export const MarkNeedsAttentionTask = {
  input: z.object({ orderId, correlationId, ...forwardFailures, ...compensationFailures }),
  output: z.object({ orderId, status: z.enum(['NEEDS_ATTENTION', 'UNCHANGED']) }),
} as const;

/** ConfirmOrder's refusal: the order is no longer PENDING (cancelled or set aside meanwhile). */
export const ConfirmationRefusals = { notPending: 'OrderNotPendingError' } as const;
