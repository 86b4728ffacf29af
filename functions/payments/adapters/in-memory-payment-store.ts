import type { DomainEvent } from '../../shared/events/define-event.js';
import type { Payment } from '../domain/payment.js';
import type { PaymentCall } from '../domain/payment-call.js';
import type { PaymentLedger, PaymentStore } from '../use-cases/ports.js';

/** The payment store's twin in memory, for tests. */
export class InMemoryPayments {
  readonly payments = new Map<string, Payment>();
  readonly outbox: DomainEvent[] = [];
  readonly calls: PaymentCall[] = [];

  readonly ledger: PaymentLedger = {
    append: async (call) => {
      this.calls.push(call);
    },
    report: async (entry, events) => {
      if (this.calls.some((call) => call.reportId === entry.reportId)) return false;
      this.calls.push(entry);
      this.outbox.push(...events);
      return true;
    },
    list: async (orderId) =>
      this.calls.filter((call) => call.orderId === orderId).sort((a, b) => a.at.localeCompare(b.at)),
  };

  readonly store: PaymentStore = {
    get: async (orderId) => this.payments.get(orderId),
    record: async (payment, events) => {
      if (this.payments.has(payment.orderId)) return false;
      this.payments.set(payment.orderId, payment);
      this.outbox.push(...events);
      return true;
    },
    update: async (payment, from, events) => {
      if (this.payments.get(payment.orderId)?.status !== from) return false;
      this.payments.set(payment.orderId, payment);
      this.outbox.push(...events);
      return true;
    },
  };
}
