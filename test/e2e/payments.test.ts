import { describe, expect, it } from 'vitest';
import { adminTokens, api, eventually, newCustomer } from '../support/local-cloud-client.js';
import { placeOrder, productWithStock, settledOrder } from '../support/orders.js';

interface PaymentCallBody {
  kind: string;
  outcome: string;
  attempt: number;
  amount: { amount: number };
  providerReference?: string;
}

const callsOf = async (orderId: string, token: string) =>
  (await api(`/orders/${orderId}/payments`, { token })).body as { items: PaymentCallBody[] };

describe('the payment ledger on the local cloud', () => {
  it('shows admins every call made to the provider for an order, and nobody else', async () => {
    const sku = await productWithStock(5, 990);
    const { AccessToken: customer } = await newCustomer();
    const { AccessToken: admin } = await adminTokens();

    const flaky = await placeOrder(customer, [{ sku, quantity: 1 }], 'tok_flaky');
    const declined = await placeOrder(customer, [{ sku, quantity: 1 }], 'tok_decline');
    expect((await settledOrder(customer, flaky.orderId)).status).toBe('CONFIRMED');
    await settledOrder(customer, declined.orderId);

    expect((await callsOf(flaky.orderId, admin)).items).toEqual([
      expect.objectContaining({
        kind: 'CHARGE',
        outcome: 'FAILED',
        attempt: 1,
        amount: expect.objectContaining({ amount: 990 }),
      }),
      expect.objectContaining({
        kind: 'CHARGE',
        outcome: 'APPROVED',
        attempt: 2,
        providerReference: expect.any(String),
      }),
    ]);
    expect((await callsOf(declined.orderId, admin)).items).toEqual([
      expect.objectContaining({ kind: 'CHARGE', outcome: 'DECLINED', attempt: 1 }),
    ]);

    // The customer cancels: the refund joins the ledger, the charges stay as they were.
    expect((await api(`/orders/${flaky.orderId}/cancel`, { method: 'POST', token: customer })).status).toBe(
      202,
    );
    const afterRefund = await eventually(async () => {
      const { items } = await callsOf(flaky.orderId, admin);
      return items.some((call) => call.kind === 'REFUND') ? items : undefined;
    });
    expect(afterRefund.map((call) => [call.kind, call.outcome, call.attempt])).toEqual([
      ['CHARGE', 'FAILED', 1],
      ['CHARGE', 'APPROVED', 2],
      ['REFUND', 'APPROVED', 1],
    ]);

    expect((await api(`/orders/${flaky.orderId}/payments`, { token: customer })).status).toBe(403);
    expect((await api('/orders/not-an-order/payments', { token: admin })).status).toBe(400);
  });
});
