import Stripe from 'stripe';
import * as z from 'zod/mini';
import { CURRENCY, type Money } from '../../shared/money.js';
import { logger } from '../../shared/observability.js';
import {
  InvalidWebhookSignatureError,
  PaymentDeclinedError,
  ProviderUnavailableError,
} from '../domain/errors.js';
import { orderOfKey } from '../domain/payment-call.js';
import type { PaymentProvider } from '../use-cases/ports.js';
import type { ProviderReport } from '../use-cases/record-provider-report.js';

/**
 * The metadata every PaymentIntent and Refund of the shop carries: the
 * order, its customer, and the idempotency key it was made under, so that a
 * charge whose answer was lost can be found again, and a webhook tied to its order.
 */
const KEY = 'shop_idempotency_key';
const ORDER = 'shop_order_id';
const USER = 'shop_user_id';

/** Where the Stripe API is: Stripe's own by default; a local server answering as Stripe documents in tests. */
export interface StripeEndpoint {
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
}

/**
 * A Stripe client for the API key: one network retry (the saga retries the
 * step), the time one call may take, and the API version the SDK is pinned to.
 */
export const stripeClient = (apiKey: string, timeoutMs: number, endpoint?: StripeEndpoint): Stripe =>
  new Stripe(apiKey, {
    maxNetworkRetries: 1,
    timeout: timeoutMs,
    appInfo: { name: 'serverless-shop' },
    ...(endpoint ? { host: endpoint.host, port: endpoint.port, protocol: endpoint.protocol } : {}),
  });

const moneyOf = (amount: number, currency: string): Money => {
  if (currency.toUpperCase() !== CURRENCY)
    throw new ProviderUnavailableError(`Stripe answered in ${currency}; the shop trades in ${CURRENCY}.`);
  return { amount, currency: CURRENCY };
};

/**
 * Stripe's errors in the saga's terms: a card the bank refused, or a payment
 * method that does not exist, is a decline (a business failure, never
 * retried); everything else (network, 5xx, rate limit, a key that is wrong or
 * lacks permission, an idempotency conflict) is the provider being
 * unavailable: retried, then given up on, and logged for the operators,
 * since a wrong key or a conflict will not mend itself.
 */
export const stripeFailure = (error: unknown): Error => {
  if (error instanceof PaymentDeclinedError || error instanceof ProviderUnavailableError) return error;
  if (error instanceof Stripe.errors.StripeCardError)
    return new PaymentDeclinedError(error.decline_code ?? error.code ?? 'card_declined');
  if (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    error.code === 'resource_missing' &&
    error.param?.startsWith('payment_method')
  )
    return new PaymentDeclinedError('invalid_payment_method');
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError ||
    error instanceof Stripe.errors.StripeIdempotencyError ||
    error instanceof Stripe.errors.StripeInvalidRequestError
  )
    logger.error('Stripe refused a request it should not have', {
      stripe: {
        type: error.type,
        code: error.code,
        param: error.param,
        requestId: error.requestId,
        message: error.message,
      },
    });
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderUnavailableError(`Stripe did not answer as expected: ${message}`, { cause: error });
};

const call = async <T>(request: () => Promise<T>): Promise<T> => {
  try {
    return await request();
  } catch (error) {
    throw stripeFailure(error);
  }
};

/** The payment method a token names: a PaymentMethod id as is, a card token wrapped into one. */
const paymentMethodOf = (token: string) =>
  token.startsWith('tok_')
    ? { payment_method_data: { type: 'card' as const, card: { token } } }
    : { payment_method: token };

/** Quotes a value for Stripe's search query language. */
const quoted = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/**
 * The payment provider on Stripe: a charge is a PaymentIntent confirmed at
 * once, card only, no redirects, under the order's idempotency key (Stripe
 * answers a repeated key as it answered first, for 24 hours); a refund is a
 * Refund of that PaymentIntent, under its own key. A PaymentIntent that
 * wants the customer's action (3-D Secure) cannot be completed by the saga:
 * it is cancelled and declined as `authentication_required`.
 */
export const stripeProvider = (stripe: () => Promise<Stripe>): PaymentProvider => ({
  async charge({ idempotencyKey, amount, token, userId }) {
    const client = await stripe();
    const intent = await call(() =>
      client.paymentIntents.create(
        {
          amount: amount.amount,
          currency: amount.currency.toLowerCase(),
          ...paymentMethodOf(token),
          allowed_payment_method_types: ['card'],
          confirm: true,
          // The saga cannot ask the customer for 3-D Secure: such a payment fails rather than waits.
          error_on_requires_action: true,
          metadata: { [KEY]: idempotencyKey, [ORDER]: orderOfKey(idempotencyKey), [USER]: userId },
        },
        { idempotencyKey },
      ),
    );
    switch (intent.status) {
      case 'succeeded':
        return { chargeId: intent.id };
      case 'requires_action':
      case 'requires_confirmation':
        await call(() =>
          client.paymentIntents.cancel(intent.id, {}, { idempotencyKey: `${idempotencyKey}:cancel` }),
        );
        throw new PaymentDeclinedError('authentication_required');
      case 'requires_payment_method': {
        const failure = intent.last_payment_error;
        throw new PaymentDeclinedError(failure?.decline_code ?? failure?.code ?? 'card_declined');
      }
      default:
        // processing, requires_capture, canceled: no charge we can rely on yet; the saga asks again.
        throw new ProviderUnavailableError(`Stripe left the payment ${intent.id} ${intent.status}.`);
    }
  },

  async findCharge({ idempotencyKey }) {
    const client = await stripe();
    // Search is eventually consistent (Stripe: "searchable in less than a minute"): a charge made
    // a moment ago may be missed here, and is then settled by its payment_intent.succeeded webhook.
    const found = await call(() =>
      client.paymentIntents.search({
        query: `metadata[${quoted(KEY)}]:${quoted(idempotencyKey)}`,
        limit: 10,
      }),
    );
    const charged = found.data.find((intent) => intent.status === 'succeeded');
    return charged
      ? { chargeId: charged.id, amount: moneyOf(charged.amount_received, charged.currency) }
      : undefined;
  },

  async refund({ idempotencyKey, chargeId, amount }) {
    const client = await stripe();
    try {
      const refund = await client.refunds.create(
        {
          payment_intent: chargeId,
          amount: amount.amount,
          metadata: { [KEY]: idempotencyKey, [ORDER]: orderOfKey(idempotencyKey) },
        },
        { idempotencyKey },
      );
      if (refund.status === 'failed' || refund.status === 'canceled')
        throw new ProviderUnavailableError(
          `Stripe's refund ${refund.id} of ${chargeId} is ${refund.status}.`,
        );
      return { refundId: refund.id };
    } catch (error) {
      // Refunded already under another key (from Stripe's dashboard, say): that refund is the order's.
      if (
        error instanceof Stripe.errors.StripeInvalidRequestError &&
        error.code === 'charge_already_refunded'
      ) {
        const refunds = await call(() => client.refunds.list({ payment_intent: chargeId, limit: 10 }));
        const done = refunds.data.find(
          (refund) => refund.status !== 'failed' && refund.status !== 'canceled',
        );
        if (done) return { refundId: done.id };
      }
      throw stripeFailure(error);
    }
  },
});

/** What the shop keeps of Stripe in Secrets Manager: the API key and the webhook endpoint's signing secret. */
export const stripeSecretSchema = z.object({
  apiKey: z
    .string()
    .check(z.regex(/^(sk|rk)_(test|live)_\w+$/, 'a Stripe secret or restricted key (sk_… or rk_…)')),
  webhookSecret: z.string().check(z.regex(/^whsec_\w+$/, "the webhook endpoint's signing secret (whsec_…)")),
});
export type StripeSecret = z.infer<typeof stripeSecretSchema>;

/** The secret's value, checked: a placeholder not yet replaced is the provider being unavailable. */
export const parseStripeSecret = (text: string): StripeSecret => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = stripeSecretSchema.safeParse(value);
  if (!parsed.success)
    throw new ProviderUnavailableError(
      'The Stripe secret does not hold { "apiKey", "webhookSecret" } yet (docs/deploy.md, "Stripe").',
    );
  return parsed.data;
};

const metadataOf = (object: { metadata?: Stripe.Metadata | null }) => object.metadata ?? {};

/**
 * A webhook's body, checked against its `Stripe-Signature` header with the
 * SDK, read as the report it makes for one of the shop's orders. Events of
 * other kinds, or about payments that are not the shop's, are no report.
 */
export const stripeReportOf = async (
  client: Stripe,
  webhookSecret: string,
  body: string,
  signature: string,
): Promise<ProviderReport | undefined> => {
  let event: Stripe.Event;
  try {
    event = await client.webhooks.constructEventAsync(body, signature, webhookSecret);
  } catch (error) {
    logger.warn('A payment webhook failed its signature check', {
      reason: error instanceof Error ? error.message : String(error),
    });
    throw new InvalidWebhookSignatureError();
  }
  const common = { reportId: event.id, at: new Date(event.created * 1000).toISOString() };
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      const { [ORDER]: orderId, [USER]: userId } = metadataOf(intent);
      if (!orderId || !userId) return undefined;
      return {
        ...common,
        kind: 'CHARGE_SUCCEEDED',
        orderId,
        userId,
        chargeId: intent.id,
        amount: moneyOf(intent.amount_received, intent.currency),
      };
    }
    case 'refund.failed': {
      const refund = event.data.object;
      const orderId = metadataOf(refund)[ORDER];
      if (!orderId) return undefined;
      return {
        ...common,
        kind: 'REFUND_FAILED',
        orderId,
        refundId: refund.id,
        amount: moneyOf(refund.amount, refund.currency),
        ...(refund.failure_reason ? { reason: refund.failure_reason } : {}),
      };
    }
    case 'charge.dispute.created':
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      const intentId =
        typeof dispute.payment_intent === 'string' ? dispute.payment_intent : dispute.payment_intent?.id;
      if (!intentId) return undefined;
      // A dispute names the PaymentIntent, whose metadata names the order.
      const intent = await call(() => client.paymentIntents.retrieve(intentId));
      const orderId = metadataOf(intent)[ORDER];
      if (!orderId) return undefined;
      const outcome =
        event.type === 'charge.dispute.created' ? 'OPENED' : dispute.status === 'won' ? 'WON' : 'LOST';
      return {
        ...common,
        kind: 'DISPUTE',
        outcome,
        orderId,
        disputeId: dispute.id,
        amount: moneyOf(dispute.amount, dispute.currency),
        reason: dispute.reason,
      };
    }
    default:
      return undefined;
  }
};

/**
 * Stripe as the secret says: a client for its API key, made again when the
 * key changes (a rotation reaches the container when its cached secret
 * expires), and the webhook's signing secret.
 */
export const stripeFromSecret = (
  readSecretText: () => Promise<string>,
  timeoutMs: number,
  endpoint?: StripeEndpoint,
) => {
  let current: { apiKey: string; client: Stripe } | undefined;
  const secret = async () => parseStripeSecret(await readSecretText());
  return {
    async client(): Promise<Stripe> {
      const { apiKey } = await secret();
      if (current?.apiKey !== apiKey) current = { apiKey, client: stripeClient(apiKey, timeoutMs, endpoint) };
      return current.client;
    },
    webhookSecret: async () => (await secret()).webhookSecret,
  };
};
