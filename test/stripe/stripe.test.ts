import { stripeClient, stripeProvider } from '../../functions/payments/adapters/stripe-provider.js';
import { paymentProviderContract } from '../support/payments/payment-provider-contract.js';

/**
 * The Stripe adapter against Stripe itself, in test mode: the provider
 * contract, with Stripe's own test payment methods. It runs when
 * STRIPE_TEST_SECRET_KEY holds a test-mode secret key (`sk_test_…`), and
 * skips, saying why, otherwise; a live key is refused, so this suite never
 * moves real money.
 */
const key = process.env.STRIPE_TEST_SECRET_KEY ?? '';
const why = !key
  ? 'STRIPE_TEST_SECRET_KEY is not set: set it to a test-mode key (sk_test_…) to run this suite against Stripe'
  : !key.startsWith('sk_test_') && !key.startsWith('rk_test_')
    ? 'STRIPE_TEST_SECRET_KEY is not a test-mode key (sk_test_… or rk_test_…): this suite never uses a live one'
    : undefined;

paymentProviderContract(
  'the Stripe adapter against Stripe’s test mode',
  async () => ({
    provider: stripeProvider(async () => stripeClient(key, 20_000)),
    approved: 'pm_card_visa',
    declined: [
      { token: 'pm_card_visa_chargeDeclined', code: 'generic_decline' },
      { token: 'pm_card_visa_chargeDeclinedInsufficientFunds', code: 'insufficient_funds' },
    ],
    unknown: 'pm_card_unheard_of_in_the_shop',
    // Stripe's search is eventually consistent: a minute, and a margin.
    findLagMs: 90_000,
  }),
  { canFail: false, ...(why ? { unavailable: why } : {}) },
);
