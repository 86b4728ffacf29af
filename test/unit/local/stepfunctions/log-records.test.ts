import { describe, expect, it } from 'vitest';
import { logBytes, loggedAt, logRecords, logSizes } from '../../../../local/stepfunctions/log-records.js';

const input = JSON.stringify({
  orderId: 'o-1',
  paymentToken: 'tok_visa',
  shippingAddress: { line1: '1 High St' },
});

/** The local runner's history of a saga whose payment step failed once and was retried. */
const history = [
  { type: 'ExecutionStarted', timestamp: 1, executionStartedEventDetails: { input } },
  { type: 'TaskStateEntered', timestamp: 1, stateEnteredEventDetails: { name: 'ReserveInventory', input } },
  {
    type: 'TaskStateExited',
    timestamp: 2,
    stateExitedEventDetails: { name: 'ReserveInventory', output: input },
  },
  { type: 'TaskStateEntered', timestamp: 2, stateEnteredEventDetails: { name: 'ProcessPayment', input } },
  {
    type: 'TaskFailed',
    timestamp: 3,
    taskFailedEventDetails: { name: 'ProcessPayment', error: 'ProviderUnavailableError', cause: 'timeout' },
  },
  { type: 'TaskRetried', timestamp: 4, taskRetriedEventDetails: { name: 'ProcessPayment', retry: 1 } },
  {
    type: 'TaskStateExited',
    timestamp: 5,
    stateExitedEventDetails: { name: 'ProcessPayment', output: input },
  },
  { type: 'ExecutionSucceeded', timestamp: 5, executionSucceededEventDetails: { output: input } },
];

const options = (includeExecutionData: boolean) => ({
  executionArn: 'arn:aws:states:us-east-1:123456789012:express:OrderSaga:o-1:5b0c',
  includeExecutionData,
  resources: {
    ReserveInventory: 'arn:aws:lambda:us-east-1:123456789012:function:ReserveInventory',
    ProcessPayment: 'arn:aws:lambda:us-east-1:123456789012:function:ProcessPayment',
  },
});

describe('the log records of an Express execution', () => {
  it('adds the records of every invocation a Task state made, attempt by attempt', () => {
    expect(logRecords(history, options(false)).map((record) => record.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskFailed',
      'TaskRetried',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('numbers the records in order and names the execution and the function invoked', () => {
    const records = logRecords(history, options(false));
    records.forEach((record, index) => {
      expect(record.id).toBe(String(index + 1));
      expect(record.previous_event_id).toBe(String(index));
      expect(record.execution_arn).toBe(options(false).executionArn);
    });
    expect(records[2]?.details).toEqual({ resource: options(false).resources.ReserveInventory });
    expect(records[9]?.details).toEqual({ error: 'ProviderUnavailableError', cause: 'timeout' });
  });

  it('keeps the payment token and the address out of the log without execution data', () => {
    const without = JSON.stringify(logRecords(history, options(false)));
    expect(without).not.toContain('tok_visa');
    expect(without).not.toContain('High St');
    const withData = JSON.stringify(logRecords(history, options(true)));
    expect(withData).toContain('tok_visa');
    expect(withData).toContain('"inputDetails":{"truncated":false}');
  });

  it('counts the bytes of each record as logged', () => {
    const records = logRecords(history, options(false));
    expect(logBytes(records)).toBe(
      records.map((record) => JSON.stringify(record).length).reduce((a, b) => a + b),
    );
    expect(logBytes(logRecords(history, options(true)))).toBeGreaterThan(
      logBytes(records) + 7 * input.length,
    );
  });

  it('logs at ERROR the failures only, and at FATAL the execution’s own failure only', () => {
    const errors = logRecords(history, options(false)).filter((record) => loggedAt('ERROR', record.type));
    expect(errors.map((record) => record.type)).toEqual(['LambdaFunctionFailed', 'TaskFailed']);
    expect(loggedAt('ERROR', 'ExecutionTimedOut')).toBe(true);
    expect(loggedAt('ERROR', 'FailStateEntered')).toBe(true);
    expect(loggedAt('ERROR', 'TaskRetried')).toBe(false);
    expect(loggedAt('FATAL', 'TaskFailed')).toBe(false);
    expect(loggedAt('FATAL', 'ExecutionFailed')).toBe(true);
    expect(loggedAt('ALL', 'TaskStateEntered')).toBe(true);
  });

  it('sizes the log at every level, with and without the execution data', () => {
    const sizes = logSizes(history, options(false));
    expect(sizes.ALL).toEqual({
      withoutData: logBytes(logRecords(history, options(false))),
      withData: logBytes(logRecords(history, options(true))),
    });
    expect(sizes.ERROR.withoutData).toBeGreaterThan(0);
    expect(sizes.ERROR.withoutData).toBeLessThan(sizes.ALL.withoutData / 4);
    expect(sizes.FATAL).toEqual({ withoutData: 0, withData: 0 });
  });
});
