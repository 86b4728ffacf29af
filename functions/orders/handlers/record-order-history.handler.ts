import { eventConsumer } from '../../shared/events/event-consumer.js';
import { orderHistoryEvents } from '../contracts/subscriptions.js';
import { orderStepDependencies } from '../dependencies.js';
import { recordHistory } from '../use-cases/record-history.js';

export const recordOrderHistoryHandler = (deps = orderStepDependencies) =>
  eventConsumer(orderHistoryEvents, (event) => recordHistory(deps(), event));

export const handler = recordOrderHistoryHandler();
