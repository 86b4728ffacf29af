import type { DomainEvent } from '../../shared/events/define-event.js';
import type { HistoryEntry } from '../domain/order.js';

/** The timeline entry of an event about an order: its type, time and facts (ids left out). */
export const historyEntryOf = (event: Pick<DomainEvent, 'detailType' | 'detail'>): HistoryEntry => {
  const { orderId: _orderId, userId: _userId, ...facts } = event.detail.data as Record<string, unknown>;
  return {
    eventId: event.detail.metadata.eventId,
    type: event.detailType,
    at: event.detail.metadata.occurredAt,
    detail: facts,
  };
};
