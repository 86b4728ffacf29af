import { describe, expect, it } from 'vitest';
import { UsageMeter } from '../../../local/usage.js';

describe('UsageMeter', () => {
  it('bills each invocation rounded up to the millisecond, at least one', () => {
    const meter = new UsageMeter();
    meter.invocation('Orders/PlaceOrder', 256, 10.2);
    meter.invocation('Orders/PlaceOrder', 256, 0.3);
    expect(meter.snapshot().functions['Orders/PlaceOrder']).toEqual({
      invocations: 2,
      billedMs: 12,
      memoryMb: 256,
      logBytes: 0,
    });
  });

  it('bills an execution in 100 ms steps and counts its transitions and log records', () => {
    const meter = new UsageMeter();
    const logs = (all: number, errors: number) => ({
      ALL: { withoutData: all, withData: 2 * all },
      ERROR: { withoutData: errors, withData: 2 * errors },
      FATAL: { withoutData: 0, withData: 0 },
    });
    meter.execution('Orders/OrderSaga', 'STANDARD', {
      transitions: 3,
      durationMs: 230,
      logBytes: logs(900, 0),
    });
    meter.execution('Orders/OrderSaga', 'STANDARD', {
      transitions: 5,
      durationMs: 20,
      logBytes: logs(100, 40),
    });
    expect(meter.snapshot().stateMachines['Orders/OrderSaga']).toEqual({
      type: 'STANDARD',
      executions: 2,
      transitions: 8,
      billedMs: 400,
      logBytes: logs(1000, 40),
    });
  });

  it('keeps DynamoDB units in total, by table, and by what each table spent them on', () => {
    const meter = new UsageMeter();
    meter.request();
    meter.capacity('Orders', 0.5, 0, 'GetItem ORDER/ORDER');
    meter.capacity('Orders', 0, 4, 'PutItem ORDER/ORDER');
    meter.capacity('Orders', 0, 1, 'PutItem ORDER/HISTORY');
    meter.capacity('Orders', 0, 1, 'PutItem ORDER/HISTORY');
    meter.capacity('Inventory', 1, 2, 'TransactPut STOCK/STOCK');
    const { dynamodb } = meter.snapshot();
    expect(dynamodb).toMatchObject({ requests: 1, readUnits: 1.5, writeUnits: 8 });
    expect(dynamodb.tables.Orders).toEqual({
      readUnits: 0.5,
      writeUnits: 6,
      items: {
        'GetItem ORDER/ORDER': { readUnits: 0.5, writeUnits: 0 },
        'PutItem ORDER/ORDER': { readUnits: 0, writeUnits: 4 },
        'PutItem ORDER/HISTORY': { readUnits: 0, writeUnits: 2 },
      },
    });
  });

  it('counts events by detail-type, starts a new window on reset, and a snapshot does not change with later counts', () => {
    const meter = new UsageMeter();
    meter.apiRequest();
    meter.eventPublished(300, 'OrderPlaced');
    meter.eventPublished(200, 'OrderConfirmed');
    meter.eventPublished(100, 'OrderPlaced');
    const before = meter.snapshot();
    meter.reset();
    meter.apiRequest();
    expect(before.apiRequests).toBe(1);
    expect(before.events).toEqual({
      published: 3,
      bytes: 600,
      byType: { OrderPlaced: 2, OrderConfirmed: 1 },
    });
    expect(meter.snapshot().apiRequests).toBe(1);
    expect(meter.snapshot().events.published).toBe(0);
  });
});
