import { describe, expect, it } from 'vitest';
import { DynamoDbFaults, faultAnswer, isDynamoDbFaultSpec } from '../../../../local/dynamodb/fault-gate.js';

describe('DynamoDB faults', () => {
  it('fails only the requests of its operation whose body holds every string asked for, as many times as asked', () => {
    const faults = new DynamoDbFaults();
    const fault = faults.add({
      service: 'dynamodb',
      operation: 'TransactWriteItems',
      contains: ['SKU-1', 'keyHash'],
      error: 'ThrottlingException',
      times: 2,
    });
    expect(faults.take('PutItem', '{"SKU-1":1,"keyHash":2}')).toBeUndefined();
    expect(faults.take('TransactWriteItems', '{"SKU-1":1}')).toBeUndefined();
    expect(faults.take('TransactWriteItems', '{"SKU-1":1,"keyHash":2}')).toBe(fault);
    expect(faults.take('TransactWriteItems', '{"SKU-1":1,"keyHash":2}')).toBe(fault);
    expect(faults.take('TransactWriteItems', '{"SKU-1":1,"keyHash":2}')).toBeUndefined();
    expect(fault.hits).toBe(2);
  });

  it('keeps a lifted fault listed with its hits, failing nothing more', () => {
    const faults = new DynamoDbFaults();
    const fault = faults.add({ service: 'dynamodb', error: 'InternalServerError' });
    expect(faults.take('GetItem', '{}')).toBe(fault);
    expect(faults.remove(fault.id)).toBe(true);
    expect(faults.take('GetItem', '{}')).toBeUndefined();
    expect(faults.all).toEqual([expect.objectContaining({ id: fault.id, hits: 1 })]);
  });

  it('answers a conflict as DynamoDB does: a cancelled transaction with one reason per item, or a single write’s conflict', () => {
    const body = JSON.stringify({ TransactItems: [{ Put: {} }, { Put: {} }] });
    expect(faultAnswer('TransactionConflict', body)).toEqual({
      status: 400,
      payload: expect.objectContaining({
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        CancellationReasons: [expect.objectContaining({ Code: 'TransactionConflict' }), { Code: 'None' }],
      }),
    });
    expect(faultAnswer('TransactionConflict', JSON.stringify({ Item: {} })).payload).toMatchObject({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException',
    });
    expect(faultAnswer('ProvisionedThroughputExceededException', '{}').payload).toMatchObject({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    });
    expect(faultAnswer('InternalServerError', '{}').status).toBe(500);
  });

  it('refuses a spec that names no known error', () => {
    expect(isDynamoDbFaultSpec({ service: 'dynamodb', error: 'Boom' })).toBe(false);
    expect(isDynamoDbFaultSpec({ service: 'dynamodb', error: 'ThrottlingException', times: 0 })).toBe(false);
    expect(isDynamoDbFaultSpec({ service: 'dynamodb', error: 'ThrottlingException', contains: ['a'] })).toBe(
      true,
    );
  });
});
