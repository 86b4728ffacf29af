import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { OrderPlaced } from '../contracts/events.js';
import { ordersDependencies } from '../dependencies.js';
import { startOrderSaga } from '../use-cases/start-order-saga.js';

export const startOrderSagaHandler = (deps = ordersDependencies) =>
  eventConsumer(
    [OrderPlaced],
    async (event) => {
      await startOrderSaga(deps(), event.detail.data.orderId);
    },
    { name: 'StartOrderSaga', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = startOrderSagaHandler();
