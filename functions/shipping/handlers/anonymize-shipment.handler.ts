import { OrderAnonymized } from '../../orders/contracts/events.js';
import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { shippingDependencies } from '../dependencies.js';
import { anonymizeShipment } from '../use-cases/shipping.js';

export const anonymizeShipmentHandler = (deps = shippingDependencies) =>
  eventConsumer([OrderAnonymized], (event) => anonymizeShipment(deps(), event.detail.data.orderId), {
    name: 'AnonymizeShipment',
    // Anonymizing an anonymized address changes nothing: no inbox needed.
    inbox: IDEMPOTENT_USE_CASE,
  });

export const handler = anonymizeShipmentHandler();
