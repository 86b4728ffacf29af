/**
 * Who the payments service charges through, as `GET /health` reports it:
 * `simulated` while the built-in simulator is the provider (no money moves;
 * API.md's payment tokens), else the provider's name. The payments service's
 * dependencies build this provider, and the platform's health check reports
 * it, from this one constant.
 */
export const PAYMENT_PROVIDER = 'simulated' as const;
