import { eventConsumer } from '../../shared/events/event-consumer.js';
import { OrderPlaced } from '../contracts/events.js';
import { ordersDependencies, ordersInbox } from '../dependencies.js';
import { startOrderSaga } from '../use-cases/start-order-saga.js';

export const startOrderSagaHandler = (deps = ordersDependencies, inbox = ordersInbox) =>
  eventConsumer(
    [OrderPlaced],
    async (event) => {
      await startOrderSaga(deps(), event.detail.data.orderId);
    },
    { name: 'StartOrderSaga', inbox },
  );

export const handler = startOrderSagaHandler();
