import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { DynamoDbFaultKind } from '../../local/dynamodb/fault-gate.js';
import {
  adminTokens,
  api,
  eventually,
  faultHits,
  injectFault,
  newCustomer,
} from '../support/local-cloud-client.js';
import {
  address,
  historyTypes,
  historyWith,
  placeOrder,
  productWithStock,
  reconciledShop,
  settledOrder,
  stockOf,
} from '../support/orders.js';
import { scaled } from '../support/time-scale.js';

/**
 * Faults injected into the local cloud while orders go through (see
 * local/dynamodb/fault-gate.ts and local/lambda/faults.ts): DynamoDB
 * throttling and transaction conflicts, functions that die after their side
 * effect, a payment whose answer is lost after the charge, a consumer that
 * fails for a while. After each, the order ends where it should and the shop
 * reconciles.
 */
const tally = { scenarios: 0, faultsInjected: 0, violations: 0 };

afterAll(() => {
  console.info(
    `faults: ${tally.scenarios} scenarios, ${tally.faultsInjected} injected failures, ${tally.violations} invariant violations`,
  );
});

/** Runs a scenario, counts the failures its faults caused, then checks the invariants. */
const scenario = async (faults: ((() => Promise<void>) & { id: string })[], run: () => Promise<void>) => {
  await run();
  for (const fault of faults) {
    await fault();
    tally.faultsInjected += await faultHits(fault.id);
  }
  tally.scenarios++;
  const { violations } = await reconciledShop(60_000);
  tally.violations += violations.length;
  expect(violations).toEqual([]);
};

const order = (token: string, sku: string, key: string) =>
  api('/orders', {
    method: 'POST',
    token,
    headers: { 'idempotency-key': key },
    body: { items: [{ sku, quantity: 1 }], shippingAddress: address, paymentToken: 'tok_visa' },
  });

/** A fresh product and customer, and a DynamoDB fault on the `operation` requests that hold `marker` for that product. */
const faultedOrderSetup = async (
  operation: 'TransactWriteItems' | 'PutItem',
  marker: string,
  error: DynamoDbFaultKind,
  times?: number,
) => {
  const sku = await productWithStock(3);
  const { AccessToken: token } = await newCustomer();
  const fault = await injectFault({
    service: 'dynamodb',
    operation,
    contains: [sku, marker],
    error,
    ...(times === undefined ? {} : { times }),
  });
  return { sku, token, fault };
};

describe('DynamoDB throttling and transaction conflicts on the stock reservation', () => {
  const cases = [
    { error: 'ProvisionedThroughputExceededException', times: 4, what: 'is throttled for a while' },
    { error: 'TransactionConflict', times: 5, what: 'keeps meeting conflicting transactions for a while' },
  ] as const;
  for (const { error, times, what } of cases) {
    it(
      `confirms an order whose stock reservation ${what}`,
      async () => {
        const { sku, token, fault } = await faultedOrderSetup(
          'TransactWriteItems',
          'InventoryReserved',
          error,
          times,
        );
        await scenario([fault], async () => {
          const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
          expect(await settledOrder(token, orderId, scaled(60_000))).toMatchObject({ status: 'CONFIRMED' });
          expect(await faultHits(fault.id)).toBe(times);
          expect(await stockOf(sku)).toMatchObject({ available: 2 });
        });
      },
      scaled(90_000),
    );
  }
});

describe('DynamoDB throttling and transaction conflicts on the placement', () => {
  it(
    'answers 503 with Retry-After when placing an order stays throttled, writes nothing, and accepts the retry',
    async () => {
      const { sku, token, fault } = await faultedOrderSetup(
        'PutItem',
        'requestFingerprint',
        'ThrottlingException',
      );
      const key = randomUUID();
      await scenario([fault], async () => {
        const refused = await order(token, sku, key);
        await fault();
        expect(refused.status).toBe(503);
        expect(await faultHits(fault.id)).toBeGreaterThanOrEqual(3);
        expect(refused.headers.get('content-type')).toBe('application/problem+json');
        expect(refused.headers.get('retry-after')).toBe('1');
        expect(((await api('/orders', { token })).body as { items: unknown[] }).items).toEqual([]);
        const accepted = await order(token, sku, key);
        expect(accepted.status).toBe(202);
        const { orderId } = accepted.body as { orderId: string };
        expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
      });
    },
    scaled(90_000),
  );

  it(
    'answers 503 to a placement that meets a transaction in progress on its item, and accepts the retry',
    async () => {
      const { sku, token, fault } = await faultedOrderSetup(
        'PutItem',
        'requestFingerprint',
        'TransactionConflict',
        1,
      );
      const key = randomUUID();
      await scenario([fault], async () => {
        expect((await order(token, sku, key)).status).toBe(503);
        const accepted = await order(token, sku, key);
        expect(accepted.status).toBe(202);
        const { orderId } = accepted.body as { orderId: string };
        expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
      });
    },
    scaled(90_000),
  );
});

describe('functions that die after their side effect', () => {
  for (const step of ['ReserveInventory', 'ProcessPayment', 'ConfirmOrder']) {
    it(
      `confirms the order once when ${step} dies after doing its work`,
      async () => {
        const sku = await productWithStock(3);
        const { AccessToken: token } = await newCustomer();
        const correlationId = `e2e-${randomUUID()}`;
        const fault = await injectFault({
          function: step,
          match: { correlationId },
          when: 'after',
          times: 1,
        });
        await scenario([fault], async () => {
          const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_visa', correlationId);
          expect(await settledOrder(token, orderId, scaled(60_000))).toMatchObject({ status: 'CONFIRMED' });
          expect(await faultHits(fault.id)).toBe(1);
          expect(await stockOf(sku)).toMatchObject({ available: 2 });
          const history = await historyTypes(token, orderId);
          expect(history.filter((type) => type === 'PaymentCompleted').length).toBeLessThanOrEqual(1);
        });
      },
      scaled(90_000),
    );
  }
});

describe('a payment provider that times out after charging', () => {
  it(
    'refunds the charge it could not confirm, releases the stock and cancels PAYMENT_FAILED',
    async () => {
      const sku = await productWithStock(3);
      const { AccessToken: token } = await newCustomer();
      const correlationId = `e2e-${randomUUID()}`;
      // Every attempt charges (the provider keeps the charge under the order's key), then its answer times out.
      const fault = await injectFault({
        function: 'ProcessPayment',
        match: { correlationId },
        when: 'after',
        error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 10.00 seconds' },
      });
      await scenario([fault], async () => {
        const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_visa', correlationId);
        expect(await settledOrder(token, orderId, scaled(60_000))).toMatchObject({
          status: 'CANCELLED',
          cancellationReason: 'PAYMENT_FAILED',
        });
        await fault();
        expect(await faultHits(fault.id)).toBe(3);
        expect(await stockOf(sku)).toMatchObject({ available: 3, reserved: 0 });
        // Each reaches the timeline through its own service's relay, in either order.
        await historyWith(token, orderId, ['PaymentRefunded', 'InventoryReleased'], scaled(30_000));
      });
    },
    scaled(90_000),
  );
});

describe('a payment provider whose answer is lost after it charged', () => {
  it(
    'charges once and confirms when the provider recorded the charge but its answer never came back',
    async () => {
      // A price of its own identifies this order's charge in the provider's ledger.
      const price = 4000 + Math.floor(Math.random() * 5000);
      const sku = await productWithStock(3, price);
      const { AccessToken: token } = await newCustomer();
      const fault = await injectFault({
        service: 'dynamodb',
        operation: 'PutItem',
        contains: ['"outcome"', '"charged"', `"amount":{"N":"${price}"}`],
        when: 'after',
        error: 'InternalServerError',
        times: 1,
      });
      await scenario([fault], async () => {
        const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
        expect(await settledOrder(token, orderId, scaled(60_000))).toMatchObject({ status: 'CONFIRMED' });
        expect(await faultHits(fault.id)).toBe(1);
        // The timeline learns of the payment from its event, on its own time.
        const history = await historyWith(token, orderId, ['PaymentCompleted']);
        expect(history.filter((type) => type === 'PaymentCompleted')).toHaveLength(1);
      });
    },
    scaled(90_000),
  );
});

describe('a consumer that fails for a while, then recovers', () => {
  it(
    'prepares the shipment of a confirmed order once the consumer is back',
    async () => {
      const sku = await productWithStock(3);
      const { AccessToken: token } = await newCustomer();
      const admin = (await adminTokens()).AccessToken;
      const correlationId = `e2e-${randomUUID()}`;
      const fault = await injectFault({
        function: 'Shipping/PrepareShipment',
        match: { 'detail.metadata.correlationId': correlationId },
        times: 2,
      });
      await scenario([fault], async () => {
        const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_visa', correlationId);
        expect(await settledOrder(token, orderId)).toMatchObject({ status: 'CONFIRMED' });
        const shipped = await eventually(async () => {
          const answer = await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} });
          return answer.status === 202 ? answer : undefined;
        }, scaled(30_000));
        expect(shipped.status).toBe(202);
        expect(await faultHits(fault.id)).toBe(2);
      });
    },
    scaled(90_000),
  );
});
