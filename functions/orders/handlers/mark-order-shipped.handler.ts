import { eventConsumer } from '../../shared/events/event-consumer.js';
import { logger } from '../../shared/observability.js';
import { OrderShipped } from '../../shipping/contracts/events.js';
import { orderStepDependencies, ordersInbox } from '../dependencies.js';
import { markShipped } from '../use-cases/mark-shipped.js';

export const markOrderShippedHandler = (deps = orderStepDependencies, inbox = ordersInbox) =>
  eventConsumer(
    [OrderShipped],
    async (event) => {
      const outcome = await markShipped(deps(), event);
      if (outcome === 'NOT_SHIPPABLE' || outcome === 'UNKNOWN_ORDER')
        logger.error('An order shipped that could not be marked shipped', {
          orderId: event.detail.data.orderId,
          outcome,
        });
    },
    { name: 'MarkOrderShipped', inbox },
  );

export const handler = markOrderShippedHandler();
