import { eventConsumer } from '../../shared/events/event-consumer.js';
import { orderHistoryEvents } from '../contracts/subscriptions.js';
import { orderStepDependencies, ordersInbox } from '../dependencies.js';
import { recordHistory } from '../use-cases/record-history.js';

export const recordOrderHistoryHandler = (deps = orderStepDependencies, inbox = ordersInbox) =>
  eventConsumer(orderHistoryEvents, (event) => recordHistory(deps(), event), {
    name: 'RecordOrderHistory',
    inbox,
  });

export const handler = recordOrderHistoryHandler();
