import { MAIN_WAREHOUSE } from '../../inventory/contracts/warehouses.js';
import { OrderConfirmed } from '../../orders/contracts/events.js';
import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { shippingDependencies } from '../dependencies.js';
import { prepareShipment } from '../use-cases/shipping.js';

/** A shipment is created only where none exists: a duplicate changes nothing. */
export const prepareShipmentHandler = (deps = shippingDependencies) =>
  eventConsumer(
    [OrderConfirmed],
    async (event) => {
      const { orderId, userId, items, shipFrom } = event.detail.data;
      // An order confirmed before warehouses leaves from main.
      const from =
        shipFrom ?? items.map(({ sku, quantity }) => ({ sku, quantity, warehouseId: MAIN_WAREHOUSE }));
      await prepareShipment(deps(), { orderId, userId, shipFrom: from });
    },
    { name: 'PrepareShipment', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = prepareShipmentHandler();
