import { describe, expect, it } from 'vitest';
import {
  orderCancellationDefinition,
  orderSagaDefinition,
  RetryPolicy,
} from '../../../state-machines/order-saga.js';
import {
  type Json,
  runStateMachine,
  stubResources,
  type TaskStub,
  taskError,
} from '../../support/state-machines/run-state-machine.js';

const saga = orderSagaDefinition(stubResources);
const cancellation = orderCancellationDefinition(stubResources);

const input = {
  orderId: 'o-1',
  userId: 'u-1',
  correlationId: 'c-1',
  lines: [{ sku: 'SKU-1', quantity: 2 }],
  total: { amount: 5000, currency: 'USD' },
  paymentToken: 'tok_visa',
};

const fails =
  (name: string): TaskStub =>
  async () => {
    throw taskError(name);
  };
const failsFirst =
  (name: string, times: number, result: Json = {}): TaskStub =>
  async (_input, attempt) => {
    if (attempt < times) throw taskError(name);
    return result;
  };
const confirmed: TaskStub = async () => ({ orderId: 'o-1', status: 'CONFIRMED' });
const cancelled: TaskStub = async () => ({ orderId: 'o-1', status: 'CANCELLED' });
const count = (calls: readonly string[], name: string) => calls.filter((call) => call === name).length;

describe('the order saga', () => {
  it('reserves, charges and confirms an order, in three task states and nothing else', async () => {
    const run = await runStateMachine(saga, input, { ConfirmOrder: confirmed });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual({ orderId: 'o-1', status: 'CONFIRMED' });
    expect(run.calls).toEqual(['ReserveInventory', 'ProcessPayment', 'ConfirmOrder']);
    expect(run.inputs.ReserveInventory).toEqual({ orderId: 'o-1', correlationId: 'c-1', lines: input.lines });
    expect(run.inputs.ProcessPayment).toEqual({
      orderId: 'o-1',
      userId: 'u-1',
      correlationId: 'c-1',
      amount: input.total,
      paymentToken: 'tok_visa',
    });
  });

  it('cancels at once when the stock is short: nothing was held, nothing is retried or released', async () => {
    const run = await runStateMachine(saga, input, {
      ReserveInventory: fails('OutOfStockError'),
      CancelOrder: cancelled,
    });
    expect(run.calls).toEqual(['ReserveInventory', 'CancelOrder']);
    expect(run.inputs.CancelOrder).toMatchObject({ reservationFailure: { Error: 'OutOfStockError' } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { status: 'CANCELLED' } });
  });

  it('cancels an order with a product inventory does not know, without retrying', async () => {
    const run = await runStateMachine(saga, input, { ReserveInventory: fails('UnknownProductError') });
    expect(run.calls).toEqual(['ReserveInventory', 'CancelOrder']);
    expect(run.inputs.CancelOrder).toMatchObject({ reservationFailure: { Error: 'UnknownProductError' } });
  });

  it('retries a reservation that fails for technical reasons, then releases whatever it may have held and cancels', async () => {
    const run = await runStateMachine(saga, input, { ReserveInventory: fails('TransientError') });
    expect(count(run.calls, 'ReserveInventory')).toBe(1 + RetryPolicy.forward.MaxAttempts);
    expect(run.calls.slice(-2)).toEqual(['ReleaseInventory', 'CancelOrder']);
    expect(run.status).toBe('SUCCEEDED');
  });

  it('releases the stock and cancels when the payment is declined, without retrying or refunding', async () => {
    const run = await runStateMachine(saga, input, { ProcessPayment: fails('PaymentDeclinedError') });
    expect(run.calls).toEqual(['ReserveInventory', 'ProcessPayment', 'ReleaseInventory', 'CancelOrder']);
    expect(run.inputs.CancelOrder).toMatchObject({ paymentFailure: { Error: 'PaymentDeclinedError' } });
  });

  it('retries a provider that times out, then refunds (in case it charged), releases and cancels', async () => {
    const run = await runStateMachine(saga, input, { ProcessPayment: fails('ProviderUnavailableError') });
    expect(count(run.calls, 'ProcessPayment')).toBe(1 + RetryPolicy.forward.MaxAttempts);
    expect(run.calls.slice(-3)).toEqual(['RefundPayment', 'ReleaseInventory', 'CancelOrder']);
    expect(run.inputs.CancelOrder).toMatchObject({ paymentFailure: { Error: 'ProviderUnavailableError' } });
  });

  it('confirms the order when a transient payment failure is followed by success', async () => {
    const run = await runStateMachine(saga, input, {
      ProcessPayment: failsFirst('ProviderUnavailableError', 1, { orderId: 'o-1', chargeId: 'ch_1' }),
      ConfirmOrder: confirmed,
    });
    expect(run.calls).toEqual(['ReserveInventory', 'ProcessPayment', 'ProcessPayment', 'ConfirmOrder']);
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { status: 'CONFIRMED' } });
  });

  it('refunds the charge and releases the stock when confirmation fails after the charge', async () => {
    const run = await runStateMachine(saga, input, { ConfirmOrder: fails('TransientError') });
    expect(count(run.calls, 'ConfirmOrder')).toBe(1 + RetryPolicy.pivot.MaxAttempts);
    expect(run.calls.slice(-3)).toEqual(['RefundPayment', 'ReleaseInventory', 'CancelOrder']);
    expect(run.inputs.CancelOrder).toMatchObject({ confirmationFailure: { Error: 'TransientError' } });
  });

  it('compensates at once, without retrying, when the order is no longer pending at confirmation', async () => {
    const run = await runStateMachine(saga, input, { ConfirmOrder: fails('OrderNotPendingError') });
    expect(count(run.calls, 'ConfirmOrder')).toBe(1);
    expect(run.calls.slice(-3)).toEqual(['RefundPayment', 'ReleaseInventory', 'CancelOrder']);
  });

  it('sets the order aside as NEEDS_ATTENTION, tells the operators and fails when a compensation keeps failing', async () => {
    const run = await runStateMachine(saga, input, {
      ConfirmOrder: fails('TransientError'),
      RefundPayment: fails('ProviderUnavailableError'),
    });
    expect(count(run.calls, 'RefundPayment')).toBe(1 + RetryPolicy.compensation.MaxAttempts);
    expect(run.calls.slice(-2)).toEqual(['MarkNeedsAttention', 'NotifyOperators']);
    expect(run.calls).not.toContain('ReleaseInventory');
    expect(run.inputs.MarkNeedsAttention).toMatchObject({
      orderId: 'o-1',
      confirmationFailure: { Error: 'TransientError' },
      refundFailure: { Error: 'ProviderUnavailableError' },
    });
    expect(run.inputs.NotifyOperators).toEqual({
      QueueUrl: stubResources.deadLetterQueueUrl,
      MessageBody: {
        orderId: 'o-1',
        correlationId: 'c-1',
        executionArn: 'arn:aws:states:us-east-1:000000000000:execution:OrderSaga:test',
      },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'OrderNeedsAttention' });
  });

  it('still tells the operators when even marking the order fails', async () => {
    const run = await runStateMachine(saga, input, {
      ReserveInventory: fails('OutOfStockError'),
      CancelOrder: fails('TransientError'),
      MarkNeedsAttention: fails('TransientError'),
    });
    expect(run.calls.at(-1)).toBe('NotifyOperators');
    expect(run).toMatchObject({ status: 'FAILED', error: 'OrderNeedsAttention' });
  });

  it('retries every compensation longer than any forward step', () => {
    expect(RetryPolicy.compensation.MaxAttempts).toBeGreaterThan(RetryPolicy.pivot.MaxAttempts);
    expect(RetryPolicy.pivot.MaxAttempts).toBeGreaterThan(RetryPolicy.forward.MaxAttempts);
  });

  it('keeps the payment token out of the operators\u2019 message', async () => {
    const run = await runStateMachine(saga, input, {
      ReserveInventory: fails('OutOfStockError'),
      CancelOrder: fails('TransientError'),
    });
    expect(JSON.stringify(run.inputs.NotifyOperators)).not.toContain('tok_');
  });
});

describe("the customer's cancellation", () => {
  const request = { orderId: 'o-1', userId: 'u-1', correlationId: 'c-1', customerRequest: true };

  it('refunds, releases and cancels through the saga\u2019s compensation tasks', async () => {
    const run = await runStateMachine(cancellation, request, { CancelOrder: cancelled });
    expect(run.calls).toEqual(['RefundPayment', 'ReleaseInventory', 'CancelOrder']);
    expect(run.inputs.CancelOrder).toMatchObject({ customerRequest: true });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { status: 'CANCELLED' } });
  });

  it('sets the order aside when the stock cannot be released', async () => {
    const run = await runStateMachine(cancellation, request, { ReleaseInventory: fails('TransientError') });
    expect(run.calls.slice(-2)).toEqual(['MarkNeedsAttention', 'NotifyOperators']);
    expect(run.status).toBe('FAILED');
  });
});
