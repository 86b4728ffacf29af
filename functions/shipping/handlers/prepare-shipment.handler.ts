import { OrderConfirmed } from '../../orders/contracts/events.js';
import { eventConsumer } from '../../shared/events/event-consumer.js';
import { shippingDependencies, shippingInbox } from '../dependencies.js';
import { prepareShipment } from '../use-cases/shipping.js';

export const prepareShipmentHandler = (deps = shippingDependencies, inbox = shippingInbox) =>
  eventConsumer(
    [OrderConfirmed],
    async (event) => {
      const { orderId, userId } = event.detail.data;
      await prepareShipment(deps(), { orderId, userId });
    },
    { name: 'PrepareShipment', inbox },
  );

export const handler = prepareShipmentHandler();
