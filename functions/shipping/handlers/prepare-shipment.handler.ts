import { OrderConfirmed } from '../../orders/contracts/events.js';
import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { shippingDependencies } from '../dependencies.js';
import { prepareShipment } from '../use-cases/shipping.js';

/** A shipment is created only where none exists: a duplicate changes nothing. */
export const prepareShipmentHandler = (deps = shippingDependencies) =>
  eventConsumer(
    [OrderConfirmed],
    async (event) => {
      const { orderId, userId } = event.detail.data;
      await prepareShipment(deps(), { orderId, userId });
    },
    { name: 'PrepareShipment', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = prepareShipmentHandler();
