import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../net.js';

/** A Stripe API object as JSON. */
type StripeObject = Record<string, unknown> & { id: string };

/** What a test payment method does, as Stripe's testing guide lists them. */
type Behaviour =
  | { readonly outcome: 'succeeds' }
  | { readonly outcome: 'declined'; readonly code: string; readonly declineCode: string }
  | { readonly outcome: 'needs-authentication' };

const SUCCEEDS: Behaviour = { outcome: 'succeeds' };
const declined = (declineCode: string, code = 'card_declined'): Behaviour => ({
  outcome: 'declined',
  code,
  declineCode,
});

/**
 * Stripe's test payment methods and card tokens the server knows
 * (https://docs.stripe.com/testing); any other `pm_` is "No such PaymentMethod".
 */
const TEST_METHODS: Readonly<Record<string, Behaviour>> = {
  pm_card_visa: SUCCEEDS,
  pm_card_mastercard: SUCCEEDS,
  tok_visa: SUCCEEDS,
  tok_mastercard: SUCCEEDS,
  pm_card_visa_chargeDeclined: declined('generic_decline'),
  tok_chargeDeclined: declined('generic_decline'),
  pm_card_visa_chargeDeclinedInsufficientFunds: declined('insufficient_funds'),
  tok_chargeDeclinedInsufficientFunds: declined('insufficient_funds'),
  pm_card_authenticationRequired: { outcome: 'needs-authentication' },
};

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

const invalid = (message: string, extra: Record<string, unknown> = {}) =>
  new StripeApiError(400, { type: 'invalid_request_error', message, ...extra });

/** `a[b][0]=c` form fields into nested objects and arrays, as Stripe reads them. */
export const parseForm = (text: string): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const path = name.split(/\[|\]\[|\]/).filter((part) => part !== '');
    let node: Record<string, unknown> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else {
        const next = node[part];
        node[part] = typeof next === 'object' && next !== null ? next : {};
        node = node[part] as Record<string, unknown>;
      }
    });
  }
  return root;
};

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

/** A failure the test asks for: the next `count` requests answer `status` (5xx: api_error; 429: rate_limit_error). */
interface InjectedFailure {
  count: number;
  readonly status: number;
}

/**
 * A local server that answers the part of Stripe's API the shop uses, as
 * Stripe documents it: PaymentIntents created and confirmed with the test
 * payment methods, their cancel, retrieve and search by metadata; Refunds
 * and their list; secret-key authentication; idempotency keys (the same key
 * with the same parameters replays the first answer with
 * `Idempotent-Replayed: true`, with others is an `idempotency_error`); and
 * failures on demand. The official SDK talks to it through its `host`,
 * `port` and `protocol` options.
 */
export class LocalStripe {
  readonly intents = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();
  /** Requests by idempotency key: the parameters' hash and the answer given. */
  private readonly replies = new Map<string, { hash: string; status: number; body: unknown }>();
  private failure: InjectedFailure | undefined;
  /** PaymentIntents search does not see yet: Stripe's search lags its writes ("less than a minute"). */
  private readonly unindexed = new Set<string>();
  private searchLags = false;
  /** Every request, as `METHOD /path`, for tests that count calls. */
  readonly requests: string[] = [];
  private server: Server | undefined;

  constructor(readonly apiKey = `sk_test_${randomBytes(12).toString('hex')}`) {}

  /** The next `count` requests fail with `status` before anything is done. */
  failNext(count: number, status = 500): void {
    this.failure = { count, status };
  }

  /** From now on new PaymentIntents stay out of search until `catchUpSearch()`, as Stripe's search may lag. */
  lagSearch(): void {
    this.searchLags = true;
  }

  /** Search sees every PaymentIntent again. */
  catchUpSearch(): void {
    this.unindexed.clear();
    this.searchLags = false;
  }

  /**
   * An event as Stripe's webhook delivers it, with its `Stripe-Signature`
   * header made by the SDK from the endpoint's signing secret.
   */
  event(
    type: string,
    object: StripeObject,
    sign: (payload: string) => string,
  ): { body: string; signature: string; id: string } {
    const id = newId('evt');
    const body = JSON.stringify({
      id,
      object: 'event',
      api_version: null,
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    });
    return { body, signature: sign(body), id };
  }

  async start(): Promise<{ host: string; port: number; protocol: 'http' }> {
    const server = createServer((request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('The local Stripe has no port.');
    return { host: '127.0.0.1', port: address.port, protocol: 'http' };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    const text = (await readBody(request)).toString('utf8');
    const params = method === 'GET' ? Object.fromEntries(url.searchParams) : parseForm(text);
    const key = request.headers['idempotency-key'];
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'request-id': newId('req'),
        ...headers,
      });
      response.end(JSON.stringify(body));
    };
    try {
      if (request.headers.authorization !== `Bearer ${this.apiKey}`)
        throw new StripeApiError(401, {
          type: 'invalid_request_error',
          message: 'Invalid API Key provided.',
        });
      if (this.failure && this.failure.count > 0) {
        this.failure.count--;
        const status = this.failure.status;
        throw new StripeApiError(status, {
          type: status === 429 ? 'invalid_request_error' : 'api_error',
          code: status === 429 ? 'rate_limit' : undefined,
          message: 'An error occurred with our connection to Stripe.',
        });
      }
      const idempotent = method === 'POST' && typeof key === 'string';
      const hash = createHash('sha256').update(`${url.pathname}\n${text}`).digest('hex');
      if (idempotent) {
        const earlier = this.replies.get(key);
        if (earlier && earlier.hash !== hash)
          throw new StripeApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          });
        if (earlier) return send(earlier.status, earlier.body, { 'idempotent-replayed': 'true' });
      }
      let status = 200;
      let body: unknown;
      try {
        body = this.route(method, url.pathname, params);
      } catch (error) {
        if (!(error instanceof StripeApiError)) throw error;
        status = error.status;
        body = { error: error.body };
      }
      // Stripe keeps the answer to a key, errors included, except those of its own failures.
      if (idempotent && status < 500) this.replies.set(key, { hash, status, body });
      send(status, body);
    } catch (error) {
      if (error instanceof StripeApiError) return send(error.status, { error: error.body });
      send(500, { error: { type: 'api_error', message: String(error) } });
    }
  }

  private route(method: string, path: string, params: Record<string, unknown>): unknown {
    const parts = path.split('/').filter(Boolean);
    if (parts[0] !== 'v1') throw invalid(`Unrecognized request URL (${method}: ${path}).`);
    const [, resource, id, action] = parts;
    if (resource === 'payment_intents') {
      if (method === 'POST' && !id) return this.createIntent(params);
      if (method === 'GET' && id === 'search') return this.searchIntents(params);
      if (method === 'GET' && id && !action) return this.intent(id);
      if (method === 'POST' && id && action === 'cancel') return this.cancelIntent(id);
    }
    if (resource === 'refunds') {
      if (method === 'POST' && !id) return this.createRefund(params);
      if (method === 'GET' && !id) return this.listRefunds(params);
    }
    throw new StripeApiError(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  }

  private intent(id: string): StripeObject {
    const intent = this.intents.get(id);
    if (!intent)
      throw invalid(`No such payment_intent: '${id}'`, { code: 'resource_missing', param: 'intent' });
    return intent;
  }

  private createIntent(params: Record<string, unknown>): StripeObject {
    const amount = Number(params.amount);
    const currency = String(params.currency ?? '');
    if (!Number.isInteger(amount) || amount < 50)
      throw invalid('Amount must be at least $0.50 usd', { code: 'amount_too_small', param: 'amount' });
    if (!/^[a-z]{3}$/.test(currency)) throw invalid('Invalid currency.', { param: 'currency' });
    const data = params.payment_method_data as { card?: { token?: string } } | undefined;
    const method = typeof params.payment_method === 'string' ? params.payment_method : data?.card?.token;
    if (!method) throw invalid('You must provide a payment method.', { param: 'payment_method' });
    const behaviour = TEST_METHODS[method];
    if (!behaviour)
      throw invalid(`No such PaymentMethod: '${method}'`, {
        code: 'resource_missing',
        param: data ? 'payment_method_data[card][token]' : 'payment_method',
      });
    const intent: StripeObject = {
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      payment_method: method.startsWith('pm_') ? method : newId('pm'),
      status: 'requires_confirmation',
      last_payment_error: null,
    };
    this.intents.set(intent.id, intent);
    if (this.searchLags) this.unindexed.add(intent.id);
    if (params.confirm !== 'true') return intent;
    const refuse = (code: string, declineCode: string) => {
      const failure = {
        type: 'card_error',
        code,
        decline_code: declineCode,
        message: 'Your card was declined.',
      };
      Object.assign(intent, { status: 'requires_payment_method', last_payment_error: failure });
      throw new StripeApiError(402, { ...failure, payment_intent: intent });
    };
    if (behaviour.outcome === 'declined') refuse(behaviour.code, behaviour.declineCode);
    if (behaviour.outcome === 'needs-authentication') {
      if (params.error_on_requires_action === 'true')
        refuse('authentication_required', 'authentication_required');
      Object.assign(intent, { status: 'requires_action' });
      return intent;
    }
    Object.assign(intent, { status: 'succeeded', amount_received: amount });
    return intent;
  }

  private cancelIntent(id: string): StripeObject {
    const intent = this.intent(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled')
      throw invalid(
        `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}.`,
        {
          code: 'payment_intent_unexpected_state',
        },
      );
    Object.assign(intent, { status: 'canceled' });
    return intent;
  }

  /** Stripe's search query language, for the one form the shop uses: `metadata['key']:'value'`. */
  private searchIntents(params: Record<string, unknown>): unknown {
    const match = /^metadata\['((?:[^'\\]|\\.)*)'\]:'((?:[^'\\]|\\.)*)'$/.exec(String(params.query ?? ''));
    if (!match)
      throw invalid('The search query is not one this local Stripe understands.', { param: 'query' });
    const unquote = (text: string) => text.replace(/\\(.)/g, '$1');
    const [field, value] = [unquote(match[1] ?? ''), unquote(match[2] ?? '')];
    const data = [...this.intents.values()].filter(
      (intent) =>
        !this.unindexed.has(intent.id) && (intent.metadata as Record<string, string>)[field] === value,
    );
    return {
      object: 'search_result',
      data,
      has_more: false,
      next_page: null,
      url: '/v1/payment_intents/search',
    };
  }

  private createRefund(params: Record<string, unknown>): StripeObject {
    const intent = this.intent(String(params.payment_intent ?? ''));
    if (intent.status !== 'succeeded')
      throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
        code: 'charge_not_refundable',
      });
    const refunded = [...this.refunds.values()]
      .filter((refund) => refund.payment_intent === intent.id && refund.status !== 'failed')
      .reduce((sum, refund) => sum + Number(refund.amount), 0);
    const amount =
      params.amount === undefined ? Number(intent.amount_received) - refunded : Number(params.amount);
    if (refunded >= Number(intent.amount_received))
      throw invalid(`Charge for ${intent.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    if (amount + refunded > Number(intent.amount_received))
      throw invalid('Refund amount is greater than the unrefunded amount on the charge.', {
        param: 'amount',
      });
    const refund: StripeObject = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      created: Math.floor(Date.now() / 1000),
      metadata: (params.metadata as Record<string, string> | undefined) ?? {},
      payment_intent: intent.id,
      status: 'succeeded',
    };
    this.refunds.set(refund.id, refund);
    return refund;
  }

  private listRefunds(params: Record<string, unknown>): unknown {
    const data = [...this.refunds.values()].filter(
      (refund) => params.payment_intent === undefined || refund.payment_intent === params.payment_intent,
    );
    return { object: 'list', data, has_more: false, url: '/v1/refunds' };
  }

  /** Money the server moved for PaymentIntents whose metadata says this order: charged and refunded. */
  movedFor(orderId: string, field = 'shop_order_id'): { charged: number; refunded: number } {
    const intents = [...this.intents.values()].filter(
      (intent) => (intent.metadata as Record<string, string>)[field] === orderId,
    );
    const ids = new Set(intents.map((intent) => intent.id));
    return {
      charged: intents.reduce((sum, intent) => sum + Number(intent.amount_received), 0),
      refunded: [...this.refunds.values()]
        .filter((refund) => ids.has(String(refund.payment_intent)) && refund.status === 'succeeded')
        .reduce((sum, refund) => sum + Number(refund.amount), 0),
    };
  }
}
