/**
 * The order saga and the customer-cancellation workflow, as Amazon States
 * Language (JSONPath, so the local runner can execute them). The CDK stack
 * deploys exactly these definitions with the functions' ARNs substituted,
 * and the state machine tests run them with stub tasks. See README.md beside
 * this file for the diagram, the compensation table and the time budget.
 */

import { ReservationRefusals } from '../functions/inventory/contracts/saga-tasks.js';
import { AbandonDecisions, ConfirmationRefusals } from '../functions/orders/contracts/order-saga.js';
import { PaymentRefusals } from '../functions/payments/contracts/saga-tasks.js';

/** The saga's tasks (functions) and its dead-letter queue; `${...}` placeholders in the CDK stack. */
export interface SagaResources {
  readonly reserveInventory: string;
  readonly processPayment: string;
  readonly confirmOrder: string;
  readonly abandonOrder: string;
  readonly refundPayment: string;
  readonly releaseInventory: string;
  readonly cancelOrder: string;
  readonly markNeedsAttention: string;
  readonly deadLetterQueueUrl: string;
}

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly ResultPath: string;
  readonly Next: string;
}

export interface TaskState {
  readonly Type: 'Task';
  readonly Comment?: string;
  readonly Resource: string;
  readonly Parameters?: Record<string, unknown>;
  readonly ResultPath?: string | null;
  readonly OutputPath?: string;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  readonly Next?: string;
  readonly End?: true;
}

export interface FailState {
  readonly Type: 'Fail';
  readonly Error: string;
  readonly Cause: string;
}

export interface ChoiceState {
  readonly Type: 'Choice';
  readonly Comment?: string;
  readonly Choices: readonly {
    readonly Variable: string;
    readonly StringEquals: string;
    readonly Next: string;
  }[];
  readonly Default: string;
}

/** A Pass state that ends the workflow with part of its state as the output. */
export interface PassState {
  readonly Type: 'Pass';
  readonly Comment?: string;
  readonly OutputPath: string;
  readonly End: true;
}

export type State = TaskState | ChoiceState | PassState | FailState;

export interface StateMachineDefinition {
  readonly Comment: string;
  readonly QueryLanguage: 'JSONPath';
  readonly StartAt: string;
  readonly States: Record<string, State>;
}

/**
 * Retry policies, exponential with full jitter. Transient failures of a
 * forward step are retried briefly (the customer is waiting); the pivot a
 * little longer; every compensation much longer than any forward step,
 * because giving up on a compensation means an operator has to step in.
 */
export const RetryPolicy = {
  forward: { IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 4, JitterStrategy: 'FULL' },
  pivot: { IntervalSeconds: 1, MaxAttempts: 4, BackoffRate: 2, MaxDelaySeconds: 8, JitterStrategy: 'FULL' },
  compensation: {
    IntervalSeconds: 1,
    MaxAttempts: 6,
    BackoffRate: 2,
    MaxDelaySeconds: 16,
    JitterStrategy: 'FULL',
  },
} as const satisfies Record<string, Omit<Retrier, 'ErrorEquals'>>;

const ALL = 'States.ALL';

/** Business refusals are never retried: they go straight to their Catch. */
const noRetry = (errors: readonly string[]): Retrier => ({ ErrorEquals: errors, MaxAttempts: 0 });
const retry = (policy: keyof typeof RetryPolicy): Retrier => ({ ErrorEquals: [ALL], ...RetryPolicy[policy] });

const orderRef = { 'orderId.$': '$.orderId', 'correlationId.$': '$.correlationId' };

const reservationRefusals = Object.values(ReservationRefusals);
const paymentRefusals = Object.values(PaymentRefusals);

/**
 * The compensations, shared by both workflows. They start at AbandonOrder,
 * the gate that decides, in one conditional write on the order, between
 * the order and its undoing: a PENDING order is marked abandoned (it can no
 * longer be confirmed) and compensated; a confirmed order is kept (a step
 * that confirmed it and lost its answer, a second execution, a saga run
 * again by hand) and the workflow ends there, unless it is the customer's
 * cancellation that runs. Past the gate: refund, release, cancel — and when
 * one of them still fails after its retries, the order is set aside as
 * NEEDS_ATTENTION, the operators' queue gets a message and the execution
 * fails (which raises the alarm).
 */
const compensationStates = (r: SagaResources): StateMachineDefinition['States'] => {
  const setAside = (resultPath: string): Catcher => ({
    ErrorEquals: [ALL],
    ResultPath: resultPath,
    Next: 'MarkNeedsAttention',
  });
  return {
    AbandonOrder: {
      Type: 'Task',
      Comment: 'The gate: compensate only an order that can no longer be confirmed; keep a confirmed one.',
      Resource: r.abandonOrder,
      ResultPath: '$.abandonment',
      Retry: [retry('compensation')],
      Catch: [setAside('$.abandonFailure')],
      Next: 'KeepOrCompensate',
    },
    KeepOrCompensate: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.abandonment.decision', StringEquals: AbandonDecisions.keep, Next: 'OrderKept' },
      ],
      Default: 'RefundPayment',
    },
    // A Pass, not a Succeed: Succeed's OutputPath is refused by cfn-lint's schema (E3601).
    OrderKept: {
      Type: 'Pass',
      Comment: 'The order was confirmed: nothing of it is undone.',
      OutputPath: '$.abandonment',
      End: true,
    },
    RefundPayment: {
      Type: 'Task',
      Comment: 'Compensates ProcessPayment: refunds the charge, if there was one.',
      Resource: r.refundPayment,
      Parameters: { ...orderRef, 'userId.$': '$.userId' },
      ResultPath: null,
      Retry: [retry('compensation')],
      Catch: [setAside('$.refundFailure')],
      Next: 'ReleaseInventory',
    },
    ReleaseInventory: {
      Type: 'Task',
      Comment: 'Compensates ReserveInventory: gives the held (or sold) units back.',
      Resource: r.releaseInventory,
      Parameters: orderRef,
      ResultPath: null,
      Retry: [retry('compensation')],
      Catch: [setAside('$.releaseFailure')],
      Next: 'CancelOrder',
    },
    CancelOrder: {
      Type: 'Task',
      Comment: 'The order ends CANCELLED; the reason follows from the failure recorded in the state.',
      Resource: r.cancelOrder,
      ResultPath: '$.outcome',
      OutputPath: '$.outcome',
      Retry: [retry('compensation')],
      Catch: [setAside('$.cancellationFailure')],
      End: true,
    },
    MarkNeedsAttention: {
      Type: 'Task',
      Comment: 'A compensation could not finish: the order is set aside for an operator.',
      Resource: r.markNeedsAttention,
      ResultPath: null,
      Retry: [retry('compensation')],
      Catch: [{ ErrorEquals: [ALL], ResultPath: '$.markFailure', Next: 'NotifyOperators' }],
      Next: 'NotifyOperators',
    },
    NotifyOperators: {
      Type: 'Task',
      Comment: "The order's dead-letter message: what an operator needs to find the execution.",
      Resource: 'arn:aws:states:::sqs:sendMessage',
      Parameters: {
        QueueUrl: r.deadLetterQueueUrl,
        MessageBody: {
          'orderId.$': '$.orderId',
          'correlationId.$': '$.correlationId',
          'executionArn.$': '$$.Execution.Id',
        },
      },
      ResultPath: null,
      Retry: [retry('compensation')],
      Next: 'NeedsAttention',
    },
    NeedsAttention: {
      Type: 'Fail',
      Error: 'OrderNeedsAttention',
      Cause: 'A compensation failed after all its retries; the order is NEEDS_ATTENTION.',
    },
  };
};

/** Every failure of a forward step records its error under its own key and goes to the gate. */
const compensate = (resultPath: string): Catcher => ({
  ErrorEquals: [ALL],
  ResultPath: resultPath,
  Next: 'AbandonOrder',
});

/**
 * ReserveInventory → ProcessPayment → ConfirmOrder. A failed step records
 * its error under its own key and enters the compensations at the gate,
 * which undoes everything that may have happened (each compensation finds
 * nothing to do where nothing was done): a step that failed for technical
 * reasons may have done its work before failing, and a refused reservation
 * may meet a charge an earlier run of the saga made. ConfirmOrder sells the
 * held stock (inventory's CommitInventory contract) before it confirms the
 * order, inside the saga: a sale left to an event could arrive after the
 * hold ran out and the units were sold again, and one refused (the hold ran
 * out first) is ConfirmOrder's refusal. Business refusals are not retried.
 */
export const orderSagaDefinition = (r: SagaResources): StateMachineDefinition => ({
  Comment:
    'Order saga: reserve inventory, charge the payment, sell the held stock and confirm; compensate in reverse on failure.',
  QueryLanguage: 'JSONPath',
  StartAt: 'ReserveInventory',
  States: {
    ReserveInventory: {
      Type: 'Task',
      Resource: r.reserveInventory,
      Parameters: { ...orderRef, 'lines.$': '$.lines' },
      ResultPath: null,
      Retry: [noRetry(reservationRefusals), retry('forward')],
      Catch: [compensate('$.reservationFailure')],
      Next: 'ProcessPayment',
    },
    ProcessPayment: {
      Type: 'Task',
      Resource: r.processPayment,
      Parameters: {
        ...orderRef,
        'userId.$': '$.userId',
        'amount.$': '$.total',
        'paymentToken.$': '$.paymentToken',
      },
      ResultPath: null,
      Retry: [noRetry(paymentRefusals), retry('forward')],
      Catch: [compensate('$.paymentFailure')],
      Next: 'ConfirmOrder',
    },
    ConfirmOrder: {
      Type: 'Task',
      Comment:
        'The held units are sold, then the order confirmed; refused when the hold was given back meanwhile.',
      Resource: r.confirmOrder,
      Parameters: orderRef,
      ResultPath: '$.outcome',
      OutputPath: '$.outcome',
      Retry: [noRetry(Object.values(ConfirmationRefusals)), retry('pivot')],
      Catch: [compensate('$.confirmationFailure')],
      End: true,
    },
    ...compensationStates(r),
  },
});

/**
 * The cancellation workflow: the saga's compensations from the gate. A
 * customer's cancellation of a confirmed order (`customerRequest`) refunds,
 * releases and cancels it (CUSTOMER_CANCELLED); without it, the shop gives
 * up on an order still PENDING whose saga stopped, unless the order was
 * confirmed meanwhile.
 */
export const orderCancellationDefinition = (r: SagaResources): StateMachineDefinition => ({
  Comment: "An order's cancellation: the order saga's compensations, from the gate.",
  QueryLanguage: 'JSONPath',
  StartAt: 'AbandonOrder',
  States: compensationStates(r),
});

/** A DefinitionSubstitutions placeholder: `${name}` in the definition. */
const placeholder = (name: string) => `\${${name}}`;

/** The placeholders the CDK stack substitutes with the real ARNs and URL. */
export const SAGA_PLACEHOLDERS: SagaResources = {
  reserveInventory: placeholder('ReserveInventory'),
  processPayment: placeholder('ProcessPayment'),
  confirmOrder: placeholder('ConfirmOrder'),
  abandonOrder: placeholder('AbandonOrder'),
  refundPayment: placeholder('RefundPayment'),
  releaseInventory: placeholder('ReleaseInventory'),
  cancelOrder: placeholder('CancelOrder'),
  markNeedsAttention: placeholder('MarkNeedsAttention'),
  deadLetterQueueUrl: placeholder('DeadLetterQueueUrl'),
};

/**
 * What each workflow type logs to CloudWatch Logs: errors, without execution
 * data. A Standard workflow keeps its full execution history besides. An
 * Express one keeps none, and Step Functions delivers its logs best-effort:
 * the durable record of each order's steps is the order's timeline (in the
 * orders table, written on every step), as the Step Functions guide advises
 * for Express workflows. Its log holds the failures (failed, timed-out and
 * aborted tasks and executions, with their errors and causes), which is what
 * an operator reads, at no cost for the orders that go through. The saga's
 * input carries the customer's payment token and shipping address, which
 * stay out of logs, as they stay out of events and responses.
 */
export const SAGA_LOGGING = {
  STANDARD: { level: 'ERROR', includeExecutionData: false },
  EXPRESS: { level: 'ERROR', includeExecutionData: false },
} as const;
