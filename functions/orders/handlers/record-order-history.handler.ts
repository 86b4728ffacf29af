import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { orderHistoryEvents } from '../contracts/subscriptions.js';
import { orderStepDependencies } from '../dependencies.js';
import { recordHistory } from '../use-cases/record-history.js';

/** A timeline entry is keyed by its event's id: a duplicate writes the same entry again. */
export const recordOrderHistoryHandler = (deps = orderStepDependencies) =>
  eventConsumer(orderHistoryEvents, (event) => recordHistory(deps(), event), {
    name: 'RecordOrderHistory',
    inbox: IDEMPOTENT_USE_CASE,
  });

export const handler = recordOrderHistoryHandler();
