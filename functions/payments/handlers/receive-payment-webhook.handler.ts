import { httpRoute } from '../../shared/http/http-route.js';
import { paymentsRoutes } from '../contracts/routes.js';
import { webhookDependencies } from '../dependencies.js';
import { recordProviderReport } from '../use-cases/record-provider-report.js';

/**
 * The provider's webhook: 200 once the signature checks out and what it
 * reports is recorded (400 when the signature does not; a failure answers
 * 503, and the provider delivers again). Events the shop does not act on are
 * acknowledged and dropped.
 */
export const receivePaymentWebhookHandler = (dependencies = webhookDependencies) =>
  httpRoute(paymentsRoutes.receivePaymentWebhook, async ({ rawBody, headers }) => {
    const deps = dependencies();
    const report = await deps.reports(rawBody, headers['stripe-signature']);
    if (report) await recordProviderReport(deps, report);
    return { received: true as const };
  });

export const handler = receivePaymentWebhookHandler();
