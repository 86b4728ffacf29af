import { OrderCancelled } from '../../orders/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { shippingDependencies, shippingInbox } from '../dependencies.js';
import { cancelShipment } from '../use-cases/shipping.js';

export const cancelShipmentHandler = (deps = shippingDependencies, inbox = shippingInbox) =>
  eventConsumer(
    [OrderCancelled],
    async (event) => {
      await cancelShipment(deps(), event.detail.data.orderId);
    },
    { name: 'CancelShipment', inbox },
  );

export const handler = cancelShipmentHandler();
