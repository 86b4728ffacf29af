import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { logger, MetricUnit, metrics } from '../../shared/observability.js';
import { ShipmentStatusChanged } from '../../shipping/contracts/events.js';
import { ordersDependencies } from '../dependencies.js';
import { markDelivered, settleReturn } from '../use-cases/parcel-outcomes.js';

/**
 * A parcel's end (the manifest subscribes only DELIVERED and RETURNED): the
 * order is delivered, or refunded and restocked. Both are idempotent: a
 * delivery moves the order once; a return is marked once and its
 * cancellation workflow is named after the order and attempt.
 */
export const settleParcelOutcomeHandler = (deps = ordersDependencies) =>
  eventConsumer(
    [ShipmentStatusChanged],
    async (event) => {
      const { orderId, status, at } = event.detail.data;
      const outcome =
        status === 'DELIVERED'
          ? await markDelivered(deps(), { orderId, at })
          : status === 'RETURNED'
            ? await settleReturn(deps(), { orderId, correlationId: event.detail.metadata.correlationId })
            : 'NOTHING_TO_SETTLE';
      if (outcome === 'DELIVERED') metrics.addMetric('OrderDelivered', MetricUnit.Count, 1);
      if (outcome === 'RETURNING') metrics.addMetric('OrderReturned', MetricUnit.Count, 1);
      if (outcome === 'NOT_ON_ITS_WAY' || outcome === 'UNKNOWN_ORDER')
        logger.error("A parcel's end was heard of for an order not on its way", { orderId, status, outcome });
    },
    { name: 'SettleParcelOutcome', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = settleParcelOutcomeHandler();
