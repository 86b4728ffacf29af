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

const sagaDefinition = orderSagaDefinition(stubResources);
const cancellationDefinition = orderCancellationDefinition(stubResources);

/** The gate's answers: a PENDING order is abandoned and compensated; a confirmed one kept. */
const compensate: TaskStub = async () => ({ orderId: 'o-1', status: 'PENDING', decision: 'COMPENSATE' });
const keep: TaskStub = async () => ({ orderId: 'o-1', status: 'CONFIRMED', decision: 'KEEP' });

/** Runs a workflow whose gate compensates, unless the test says otherwise. */
const run =
  (definition: typeof sagaDefinition) =>
  (input: Json, stubs: Record<string, TaskStub> = {}) =>
    runStateMachine(definition, input, { AbandonOrder: compensate, ...stubs });
const saga = run(sagaDefinition);
const cancellation = run(cancellationDefinition);
const COMPENSATIONS = ['AbandonOrder', 'RefundPayment', 'ReleaseInventory', 'CancelOrder'];

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
  it('reserves, charges, then sells the held stock and confirms an order, in three task states and nothing else', async () => {
    const run = await saga(input, { ConfirmOrder: confirmed });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toEqual({ orderId: 'o-1', status: 'CONFIRMED' });
    expect(run.calls).toEqual(['ReserveInventory', 'ProcessPayment', 'ConfirmOrder']);
    expect(run.inputs.ConfirmOrder).toEqual({ orderId: 'o-1', correlationId: 'c-1' });
    expect(run.inputs.ReserveInventory).toEqual({ orderId: 'o-1', correlationId: 'c-1', lines: input.lines });
    expect(run.inputs.ProcessPayment).toEqual({
      orderId: 'o-1',
      userId: 'u-1',
      correlationId: 'c-1',
      amount: input.total,
      paymentToken: 'tok_visa',
    });
  });

  it('compensates at once when the stock is short, without retrying: a refusal may meet an earlier run’s charge', async () => {
    const run = await saga(input, {
      ReserveInventory: fails('OutOfStockError'),
      CancelOrder: cancelled,
    });
    expect(run.calls).toEqual(['ReserveInventory', ...COMPENSATIONS]);
    expect(run.inputs.CancelOrder).toMatchObject({ reservationFailure: { Error: 'OutOfStockError' } });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { status: 'CANCELLED' } });
  });

  it('cancels an order with a product inventory does not know, without retrying', async () => {
    const run = await saga(input, { ReserveInventory: fails('UnknownProductError') });
    expect(run.calls).toEqual(['ReserveInventory', ...COMPENSATIONS]);
    expect(run.inputs.CancelOrder).toMatchObject({ reservationFailure: { Error: 'UnknownProductError' } });
  });

  it('retries a reservation that fails for technical reasons, then releases whatever it may have held and cancels', async () => {
    const run = await saga(input, { ReserveInventory: fails('TransientError') });
    expect(count(run.calls, 'ReserveInventory')).toBe(1 + RetryPolicy.forward.MaxAttempts);
    expect(run.calls.slice(-4)).toEqual(COMPENSATIONS);
    expect(run.status).toBe('SUCCEEDED');
  });

  it('releases the stock and cancels when the payment is declined, without retrying', async () => {
    const run = await saga(input, { ProcessPayment: fails('PaymentDeclinedError') });
    expect(run.calls).toEqual(['ReserveInventory', 'ProcessPayment', ...COMPENSATIONS]);
    expect(run.inputs.CancelOrder).toMatchObject({ paymentFailure: { Error: 'PaymentDeclinedError' } });
  });

  it('retries a provider that times out, then refunds (in case it charged), releases and cancels', async () => {
    const run = await saga(input, { ProcessPayment: fails('ProviderUnavailableError') });
    expect(count(run.calls, 'ProcessPayment')).toBe(1 + RetryPolicy.forward.MaxAttempts);
    expect(run.calls.slice(-4)).toEqual(COMPENSATIONS);
    expect(run.inputs.CancelOrder).toMatchObject({ paymentFailure: { Error: 'ProviderUnavailableError' } });
  });

  it('confirms the order when a transient payment failure is followed by success', async () => {
    const run = await saga(input, {
      ProcessPayment: failsFirst('ProviderUnavailableError', 1, { orderId: 'o-1', chargeId: 'ch_1' }),
      ConfirmOrder: confirmed,
    });
    expect(run.calls).toEqual(['ReserveInventory', 'ProcessPayment', 'ProcessPayment', 'ConfirmOrder']);
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { status: 'CONFIRMED' } });
  });

  it('refunds the charge and releases the stock when confirmation fails after the charge', async () => {
    const run = await saga(input, { ConfirmOrder: fails('TransientError') });
    expect(count(run.calls, 'ConfirmOrder')).toBe(1 + RetryPolicy.pivot.MaxAttempts);
    expect(run.calls.slice(-4)).toEqual(COMPENSATIONS);
    expect(run.inputs.CancelOrder).toMatchObject({ confirmationFailure: { Error: 'TransientError' } });
  });

  it('undoes nothing when the gate finds the order confirmed: a confirmation whose every answer was lost', async () => {
    const run = await saga(input, { ConfirmOrder: fails('Sandbox.Timedout'), AbandonOrder: keep });
    expect(run.calls.slice(-2)).toEqual(['ConfirmOrder', 'AbandonOrder']);
    expect(run.calls).not.toContain('RefundPayment');
    expect(run.calls).not.toContain('ReleaseInventory');
    expect(run.inputs.AbandonOrder).toMatchObject({
      orderId: 'o-1',
      confirmationFailure: { Error: 'Sandbox.Timedout' },
    });
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      output: { orderId: 'o-1', status: 'CONFIRMED', decision: 'KEEP' },
    });
  });

  it('compensates at once, without retrying, when the held stock was given back before it could be sold', async () => {
    const run = await saga(input, { ConfirmOrder: fails('StockNoLongerHeldError') });
    expect(count(run.calls, 'ConfirmOrder')).toBe(1);
    expect(run.calls.slice(-4)).toEqual(COMPENSATIONS);
    expect(run.inputs.CancelOrder).toMatchObject({
      confirmationFailure: { Error: 'StockNoLongerHeldError' },
    });
  });

  it('sets the order aside when even the gate keeps failing', async () => {
    const run = await saga(input, {
      ConfirmOrder: fails('TransientError'),
      AbandonOrder: fails('TransientError'),
    });
    expect(count(run.calls, 'AbandonOrder')).toBe(1 + RetryPolicy.compensation.MaxAttempts);
    expect(run.calls).not.toContain('RefundPayment');
    expect(run.calls.slice(-2)).toEqual(['MarkNeedsAttention', 'NotifyOperators']);
    expect(run).toMatchObject({ status: 'FAILED', error: 'OrderNeedsAttention' });
  });

  it('compensates at once, without retrying, when the order is no longer pending at confirmation', async () => {
    const run = await saga(input, { ConfirmOrder: fails('OrderNotPendingError') });
    expect(count(run.calls, 'ConfirmOrder')).toBe(1);
    expect(run.calls.slice(-4)).toEqual(COMPENSATIONS);
  });

  it('sets the order aside as NEEDS_ATTENTION, tells the operators and fails when a compensation keeps failing', async () => {
    const run = await saga(input, {
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
    const run = await saga(input, {
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
    const run = await saga(input, {
      ReserveInventory: fails('OutOfStockError'),
      CancelOrder: fails('TransientError'),
    });
    expect(JSON.stringify(run.inputs.NotifyOperators)).not.toContain('tok_');
  });
});

describe("the customer's cancellation", () => {
  const request = { orderId: 'o-1', userId: 'u-1', correlationId: 'c-1', customerRequest: true };

  it('refunds, releases and cancels through the saga\u2019s compensation tasks, past the gate', async () => {
    const run = await cancellation(request, { CancelOrder: cancelled });
    expect(run.calls).toEqual(COMPENSATIONS);
    expect(run.inputs.AbandonOrder).toMatchObject({ orderId: 'o-1', customerRequest: true });
    expect(run.inputs.CancelOrder).toMatchObject({ customerRequest: true });
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { status: 'CANCELLED' } });
  });

  it('ends without undoing anything when the shop’s own attempt finds the order confirmed meanwhile', async () => {
    const { customerRequest: _theShops, ...stalled } = request;
    const run = await cancellation({ ...stalled, attempt: 1 }, { AbandonOrder: keep });
    expect(run.calls).toEqual(['AbandonOrder']);
    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { decision: 'KEEP' } });
  });

  it('sets the order aside when the stock cannot be released', async () => {
    const run = await cancellation(request, { ReleaseInventory: fails('TransientError') });
    expect(run.calls.slice(-2)).toEqual(['MarkNeedsAttention', 'NotifyOperators']);
    expect(run.status).toBe('FAILED');
  });
});
