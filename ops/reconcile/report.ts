import type { Reconciliation } from './invariants.js';

/** The reconciliation as a person reads it. */
export const formatReconciliation = (result: Reconciliation): string => {
  const statuses = Object.entries(result.byStatus)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([status, count]) => `${status} ${count}`)
    .join(', ');
  const lines = [
    `orders checked: ${result.ordersChecked}${statuses ? ` (${statuses})` : ''}`,
    `skus checked: ${result.skusChecked}`,
    `needs attention: ${result.needsAttention.length}${result.needsAttention.length ? ` — ${result.needsAttention.join(', ')}` : ''}`,
    `invariant violations: ${result.violations.length}`,
    ...result.violations.map((violation) => `  ✗ ${violation}`),
  ];
  return `${lines.join('\n')}\n`;
};
