import { randomUUID } from 'node:crypto';
import type { Money } from '../../shared/money.js';
import { PaymentDeclinedError, ProviderUnavailableError } from '../domain/errors.js';
import type { PaymentProvider } from '../use-cases/ports.js';

/** What the simulated provider remembers per idempotency key, as a real provider would. */
export type LedgerEntry =
  | { readonly key: string; readonly outcome: 'charged'; readonly chargeId: string; readonly amount: Money }
  | { readonly key: string; readonly outcome: 'declined'; readonly declineCode: string }
  | { readonly key: string; readonly outcome: 'refunded'; readonly refundId: string }
  | { readonly key: string; readonly outcome: 'failed-once' };

export interface SimulatorLedger {
  get(key: string): Promise<LedgerEntry | undefined>;
  /** Stores the entry unless the key has one; resolves with the entry that holds. */
  putIfAbsent(entry: LedgerEntry): Promise<LedgerEntry>;
  /** Replaces a `failed-once` entry by the outcome of the next attempt; resolves with the entry that holds. */
  replaceFailure(entry: LedgerEntry): Promise<LedgerEntry>;
}

const DECLINES: Record<string, string> = {
  tok_decline: 'card_declined',
  tok_insufficient_funds: 'insufficient_funds',
};
const APPROVED = new Set(['tok_visa', 'tok_mastercard']);

/**
 * The default payment provider: behaves by token as API.md lists
 * (tok_visa, tok_mastercard approve; tok_decline, tok_insufficient_funds
 * decline; tok_timeout never answers in time; tok_flaky fails its first
 * attempt per payment, then succeeds; any other token is declined as unknown),
 * idempotent on the key like a real provider.
 */
export const simulatedProvider = (
  ledger: SimulatorLedger,
  { hangMs }: { hangMs: number },
): PaymentProvider => ({
  async charge({ idempotencyKey, token, amount }) {
    const known = await ledger.get(idempotencyKey);
    if (known?.outcome === 'charged') return { chargeId: known.chargeId };
    if (known?.outcome === 'declined') throw new PaymentDeclinedError(known.declineCode);
    if (token === 'tok_timeout') {
      await new Promise((resolve) => setTimeout(resolve, hangMs).unref());
      throw new ProviderUnavailableError('The simulated provider hung up.');
    }
    if (token === 'tok_flaky' && !known) {
      await ledger.putIfAbsent({ key: idempotencyKey, outcome: 'failed-once' });
      throw new ProviderUnavailableError('The simulated provider failed this attempt.');
    }
    const declineCode =
      DECLINES[token] ?? (APPROVED.has(token) || token === 'tok_flaky' ? undefined : 'unknown_token');
    const entry: LedgerEntry = declineCode
      ? { key: idempotencyKey, outcome: 'declined', declineCode }
      : { key: idempotencyKey, outcome: 'charged', chargeId: `ch_${randomUUID()}`, amount };
    const held =
      known?.outcome === 'failed-once' ? await ledger.replaceFailure(entry) : await ledger.putIfAbsent(entry);
    if (held.outcome === 'declined') throw new PaymentDeclinedError(held.declineCode);
    if (held.outcome !== 'charged')
      throw new ProviderUnavailableError('The simulated provider is in an unexpected state.');
    return { chargeId: held.chargeId };
  },

  async findCharge({ idempotencyKey }) {
    const known = await ledger.get(idempotencyKey);
    return known?.outcome === 'charged' ? { chargeId: known.chargeId, amount: known.amount } : undefined;
  },

  async refund({ idempotencyKey }) {
    const held = await ledger.putIfAbsent({
      key: idempotencyKey,
      outcome: 'refunded',
      refundId: `re_${randomUUID()}`,
    });
    if (held.outcome !== 'refunded')
      throw new ProviderUnavailableError('The refund key was used for something else.');
    return { refundId: held.refundId };
  },
});

/** The simulator's memory in process, for tests. */
export const inMemoryLedger = (): SimulatorLedger & { entries: Map<string, LedgerEntry> } => {
  const entries = new Map<string, LedgerEntry>();
  return {
    entries,
    get: async (key) => entries.get(key),
    putIfAbsent: async (entry) => {
      const existing = entries.get(entry.key);
      if (existing) return existing;
      entries.set(entry.key, entry);
      return entry;
    },
    replaceFailure: async (entry) => {
      if (entries.get(entry.key)?.outcome === 'failed-once') entries.set(entry.key, entry);
      return entries.get(entry.key) ?? entry;
    },
  };
};
