import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryPayments } from '../../../../functions/payments/adapters/in-memory-payment-store.js';
import { ledgeredProvider } from '../../../../functions/payments/adapters/ledgered-provider.js';
import {
  stripeClient,
  stripeProvider,
  stripeReportOf,
} from '../../../../functions/payments/adapters/stripe-provider.js';
import type { ReportReader } from '../../../../functions/payments/dependencies.js';
import { idempotencyKey } from '../../../../functions/payments/domain/payment.js';
import { receivePaymentWebhookHandler } from '../../../../functions/payments/handlers/receive-payment-webhook.handler.js';
import type { PaymentLedger, PaymentsDependencies } from '../../../../functions/payments/use-cases/ports.js';
import { refundPayment } from '../../../../functions/payments/use-cases/refund-payment.js';
import { money } from '../../../../functions/shared/money.js';
import { LocalStripe } from '../../../../local/stripe/server.js';
import { httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';

const WEBHOOK_SECRET = 'whsec_test_local_signing_secret';
const stripe = new LocalStripe();
let client: Stripe;
let payments: InMemoryPayments;
let deps: PaymentsDependencies & { ledger: PaymentLedger; reports: ReportReader };

beforeAll(async () => {
  client = stripeClient(stripe.apiKey, 2_000, await stripe.start());
});
afterAll(() => stripe.stop());

beforeEach(() => {
  payments = new InMemoryPayments();
  const clock = () => new Date();
  deps = {
    provider: ledgeredProvider(
      stripeProvider(async () => client),
      payments.ledger,
      clock,
    ),
    payments: payments.store,
    ledger: payments.ledger,
    reports: (body, signature) => stripeReportOf(client, WEBHOOK_SECRET, body, signature),
    clock,
  };
});

const sign = (payload: string) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });

const deliver = async (body: string, signature?: string) =>
  parseResponse(
    await receivePaymentWebhookHandler(() => deps)(
      httpEvent('POST /webhooks/payments', {
        rawBody: body,
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'stripe-signature': signature } : {}),
        },
      }),
      lambdaContext(),
    ),
  );

describe('POST /webhooks/payments with Stripe', () => {
  it('gives back a charge whose answer was lost and that search had not seen when the order was given up', async () => {
    const orderId = crypto.randomUUID();
    stripe.lagSearch();
    // The saga's charge reached Stripe; its answer did not reach the saga.
    const { chargeId } = await deps.provider.charge({
      idempotencyKey: idempotencyKey(orderId, 'charge'),
      amount: money(2599),
      token: 'pm_card_visa',
      userId: 'u-1',
    });
    payments.calls.length = 0;
    // The compensation asks Stripe, whose search does not see the charge yet: the payment is voided.
    expect(await refundPayment(deps, { orderId, userId: 'u-1' })).toBe('NOTHING_TO_REFUND');
    expect(stripe.movedFor(orderId)).toEqual({ charged: 2599, refunded: 0 });
    const intent = stripe.intents.get(chargeId);
    if (!intent) throw new Error('no intent');
    const event = stripe.event('payment_intent.succeeded', intent, sign);
    expect(await deliver(event.body, event.signature)).toMatchObject({
      status: 200,
      body: { received: true },
    });
    expect(stripe.movedFor(orderId)).toEqual({ charged: 2599, refunded: 2599 });
    expect(payments.payments.get(orderId)).toMatchObject({ status: 'REFUNDED', chargeId });
    // Delivered again, as Stripe may: nothing more moves.
    expect((await deliver(event.body, event.signature)).status).toBe(200);
    expect(stripe.movedFor(orderId)).toEqual({ charged: 2599, refunded: 2599 });
    expect(
      (await payments.ledger.list(orderId)).map((call) => [call.kind, call.outcome, call.reportId]),
    ).toEqual([
      ['CHARGE', 'APPROVED', event.id],
      ['REFUND', 'APPROVED', undefined],
    ]);
    stripe.catchUpSearch();
  });

  it('records a dispute against the order its PaymentIntent names, and tells the admins', async () => {
    const orderId = crypto.randomUUID();
    const { chargeId } = await deps.provider.charge({
      idempotencyKey: idempotencyKey(orderId, 'charge'),
      amount: money(5000),
      token: 'pm_card_visa',
      userId: 'u-1',
    });
    const dispute = {
      id: 'dp_1',
      object: 'dispute',
      amount: 5000,
      currency: 'usd',
      payment_intent: chargeId,
      reason: 'fraudulent',
      status: 'needs_response',
    };
    const event = stripe.event('charge.dispute.created', dispute, sign);
    expect((await deliver(event.body, event.signature)).status).toBe(200);
    expect(await payments.ledger.list(orderId)).toContainEqual(
      expect.objectContaining({
        kind: 'DISPUTE',
        outcome: 'OPENED',
        providerReference: 'dp_1',
        reason: 'fraudulent',
      }),
    );
    expect(payments.outbox.map((e) => e.detailType)).toEqual(['PaymentIssueReported']);
  });

  it('refuses a body whose signature does not check out, or has none, with 400, and records nothing', async () => {
    const intent = {
      id: 'pi_forged',
      object: 'payment_intent',
      amount: 100,
      amount_received: 100,
      currency: 'usd',
      metadata: { shop_order_id: 'o-x', shop_user_id: 'u' },
    };
    const event = stripe.event('payment_intent.succeeded', intent, (payload) =>
      Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' }),
    );
    const forged = await deliver(event.body, event.signature);
    expect(forged).toMatchObject({
      status: 400,
      body: { type: expect.stringContaining('invalid-webhook-signature') },
    });
    const tampered = stripe.event('payment_intent.succeeded', intent, sign);
    expect(
      (await deliver(tampered.body.replace('"amount":100', '"amount":1'), tampered.signature)).status,
    ).toBe(400);
    expect((await deliver(tampered.body)).status).toBe(400);
    expect(payments.calls).toEqual([]);
    expect(payments.payments.size).toBe(0);
  });

  it('acknowledges events it does not act on, and payments that are not the shop’s', async () => {
    const other = stripe.event('customer.created', { id: 'cus_1', object: 'customer' }, sign);
    expect((await deliver(other.body, other.signature)).status).toBe(200);
    const foreign = stripe.event(
      'payment_intent.succeeded',
      {
        id: 'pi_1',
        object: 'payment_intent',
        amount: 100,
        amount_received: 100,
        currency: 'usd',
        metadata: {},
      },
      sign,
    );
    expect((await deliver(foreign.body, foreign.signature)).status).toBe(200);
    expect(payments.calls).toEqual([]);
  });
});
