import { describe, expect, it } from 'vitest';
import type { Usage } from '../../local/usage.js';
import { eventually, inspect, newCustomer } from '../support/local-cloud-client.js';
import { placeOrder, productWithStock, settledOrder } from '../support/orders.js';

const invocationsOf = (usage: Usage, name: string) => usage.functions[name]?.invocations ?? 0;

describe('usage metering on the local cloud (what npm run bench prices)', () => {
  it('counts what an order consumes: its API request, invocations, events and saga transitions', async () => {
    const sku = await productWithStock(2);
    const { AccessToken: token } = await newCustomer();
    const before = await inspect<Usage>('usage');
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
    expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
    // The last events and the execution's end follow the confirmation asynchronously.
    const after = await eventually(async () => {
      const now = await inspect<Usage>('usage');
      const saga = Object.values(now.stateMachines).reduce((total, machine) => total + machine.executions, 0);
      const sagaBefore = Object.values(before.stateMachines).reduce(
        (total, machine) => total + machine.executions,
        0,
      );
      return now.events.published - before.events.published >= 4 && saga > sagaBefore ? now : undefined;
    });
    // Other suites share the cloud: the counts only grow, by at least this order's share.
    expect(after.apiRequests - before.apiRequests).toBeGreaterThanOrEqual(2);
    expect(
      invocationsOf(after, 'Orders/PlaceOrder') - invocationsOf(before, 'Orders/PlaceOrder'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      invocationsOf(after, 'Orders/ConfirmOrder') - invocationsOf(before, 'Orders/ConfirmOrder'),
    ).toBeGreaterThanOrEqual(1);
    expect(after.events.published - before.events.published).toBeGreaterThanOrEqual(4);
    const saga = Object.entries(after.stateMachines).find(([name]) => name.includes('OrderSaga'));
    expect(saga?.[1].type).toBe('STANDARD');
    const sagaBefore = saga ? (before.stateMachines[saga[0]]?.transitions ?? 0) : 0;
    expect((saga?.[1].transitions ?? 0) - sagaBefore).toBeGreaterThanOrEqual(3);
    expect(after.functions['Orders/PlaceOrder']).toMatchObject({ memoryMb: 256 });
    expect(after.functions['Orders/PlaceOrder']?.billedMs).toBeGreaterThan(0);
  });
});
