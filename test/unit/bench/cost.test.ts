import { describe, expect, it } from 'vitest';
import { costModel } from '../../../bench/cost.js';
import { PRICES } from '../../../bench/prices.js';
import { UsageMeter } from '../../../local/usage.js';
import { SAGA_LOGGING } from '../../../state-machines/order-saga.js';

/** Two orders' worth of usage, in round numbers. */
const twoOrders = () => {
  const meter = new UsageMeter();
  for (let order = 0; order < 2; order++) {
    meter.apiRequest();
    // 1 GB for one second: 1 GB-s per order.
    meter.invocation('Orders/PlaceOrder', 1024, 1000);
    meter.eventPublished(1000, 'OrderPlaced');
    meter.execution('Orders/OrderSaga', 'STANDARD', {
      transitions: 3,
      durationMs: 950,
      logBytes: {
        ALL: { withoutData: 2048, withData: 8192 },
        ERROR: { withoutData: 512, withData: 1024 },
        FATAL: { withoutData: 256, withData: 512 },
      },
    });
    meter.capacity('Orders', 2, 10, 'PutItem ORDER/ORDER');
  }
  return meter.snapshot();
};

const item = (lines: readonly { item: string; usdPerMillionOrders: number }[], name: string) =>
  lines.find((line) => line.item === name)?.usdPerMillionOrders;

describe('costModel', () => {
  it('prices what one order consumed, per million orders', () => {
    const cost = costModel(twoOrders(), 2);
    expect(item(cost.shared, 'Lambda requests')).toBe(0.2);
    expect(item(cost.shared, 'Lambda duration (Arm)')).toBeCloseTo(PRICES.lambdaGbSecondArm * 1e6, 2);
    expect(item(cost.shared, 'HTTP API requests')).toBe(1);
    expect(item(cost.shared, 'EventBridge events')).toBe(1);
    expect(item(cost.shared, 'DynamoDB writes')).toBe(6.25);
    expect(item(cost.shared, 'DynamoDB reads')).toBe(0.25);
  });

  it('bills the Standard saga by state transitions', () => {
    const cost = costModel(twoOrders(), 2);
    expect(cost.standard).toEqual([
      { item: 'Step Functions transitions', perOrder: 3, unit: 'transitions', usdPerMillionOrders: 75 },
    ]);
  });

  it('bills the Express saga by executions and duration in 100 ms steps at 64 MB', () => {
    const cost = costModel(twoOrders(), 2);
    expect(item(cost.express, 'Step Functions Express requests')).toBe(1);
    // 950 ms is billed as 1 s; 1 s × 1/16 GB × $0.00001667 per GB-s, a million times.
    expect(item(cost.express, 'Step Functions Express duration')).toBeCloseTo(1.04, 2);
  });

  it('bills the Express log as the stack configures it: errors, without execution data', () => {
    const cost = costModel(twoOrders(), 2);
    expect(SAGA_LOGGING.EXPRESS).toEqual({ level: 'ERROR', includeExecutionData: false });
    // Half a KB of error records without data per order, not the 2 KB of every event nor the 1 KB with data.
    expect(item(cost.express, 'CloudWatch Logs (Express history)')).toBeCloseTo(
      ((PRICES.logsIngestedGb * 512) / 1024 ** 3) * 1e6,
      2,
    );
  });

  it('bills every byte the functions logged', () => {
    const meter = new UsageMeter();
    meter.invocation('Orders/PlaceOrder', 256, 10);
    meter.logged('Orders/PlaceOrder', 256, 1024 ** 3 / 2);
    meter.logged('Orders/PlaceOrder', 256, 1024 ** 3 / 2);
    expect(item(costModel(meter.snapshot(), 1).shared, 'CloudWatch Logs (functions)')).toBe(
      PRICES.logsIngestedGb * 1e6,
    );
  });

  it('adds the shared lines to each saga type’s own', () => {
    const cost = costModel(twoOrders(), 2);
    const shared = cost.shared.reduce((total, line) => total + line.usdPerMillionOrders, 0);
    expect(cost.standardPerMillionUsd).toBeCloseTo(shared + 75, 1);
    expect(cost.expressPerMillionUsd).toBeGreaterThan(shared);
    expect(cost.expressPerMillionUsd).toBeLessThan(cost.standardPerMillionUsd);
  });

  it('refuses to price zero orders', () => {
    expect(() => costModel(twoOrders(), 0)).toThrow(/at least one order/);
  });
});
