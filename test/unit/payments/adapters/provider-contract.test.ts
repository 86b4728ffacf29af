import { afterAll } from 'vitest';
import {
  inMemoryLedger,
  simulatedProvider,
} from '../../../../functions/payments/adapters/simulated-provider.js';
import { stripeClient, stripeProvider } from '../../../../functions/payments/adapters/stripe-provider.js';
import { LocalStripe } from '../../../../local/stripe/server.js';
import { paymentProviderContract } from '../../../support/payments/payment-provider-contract.js';

paymentProviderContract('the simulated provider', async () => ({
  provider: simulatedProvider(inMemoryLedger(), { hangMs: 10 }),
  approved: 'tok_visa',
  declined: [
    { token: 'tok_decline', code: 'card_declined' },
    { token: 'tok_insufficient_funds', code: 'insufficient_funds' },
  ],
  unknown: 'tok_unheard_of',
  failNextCharge: () => 'tok_flaky',
}));

const stripes: LocalStripe[] = [];
afterAll(() => Promise.all(stripes.map((stripe) => stripe.stop())));

paymentProviderContract(
  'the Stripe adapter, against a local server answering as Stripe documents',
  async () => {
    const stripe = new LocalStripe();
    stripes.push(stripe);
    const client = stripeClient(stripe.apiKey, 2_000, await stripe.start());
    return {
      provider: stripeProvider(async () => client),
      approved: 'pm_card_visa',
      declined: [
        { token: 'pm_card_visa_chargeDeclined', code: 'generic_decline' },
        { token: 'pm_card_visa_chargeDeclinedInsufficientFunds', code: 'insufficient_funds' },
        { token: 'tok_chargeDeclined', code: 'generic_decline' },
        { token: 'pm_card_authenticationRequired', code: 'authentication_required' },
      ],
      unknown: 'pm_unheard_of',
      failNextCharge: () => {
        // The SDK retries a 5xx once by itself: two failures reach the adapter.
        stripe.failNext(2, 500);
        return 'pm_card_visa';
      },
    };
  },
);
