import { describe, expect, it } from 'vitest';
import { PAYMENT_PROVIDERS, reportedProvider } from '../../../../functions/payments/contracts/provider.js';

describe('the payment provider as GET /health reports it', () => {
  it('says "simulated" for the simulator, and names a real provider', () => {
    expect(PAYMENT_PROVIDERS.map(reportedProvider)).toEqual(['simulated', 'stripe']);
  });
});
