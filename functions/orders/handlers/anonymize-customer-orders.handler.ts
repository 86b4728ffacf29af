import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { logger } from '../../shared/observability.js';
import { UserDeleted } from '../../users/contracts/events.js';
import { orderStepDependencies } from '../dependencies.js';
import { anonymizeCustomerOrders } from '../use-cases/read-orders.js';

export const anonymizeCustomerOrdersHandler = (deps = orderStepDependencies) =>
  eventConsumer(
    [UserDeleted],
    async (event) => {
      const { userId } = event.detail.data;
      const { anonymized, open } = await anonymizeCustomerOrders(deps(), userId);
      if (open > 0)
        logger.warn('A deleted account has open orders; their addresses stay until they ship', {
          userId,
          open,
        });
      else logger.info('Orders of a deleted account anonymized', { userId, anonymized });
    },
    // An anonymized order is skipped: a repeated event changes nothing.
    { name: 'AnonymizeCustomerOrders', inbox: IDEMPOTENT_USE_CASE },
  );

export const handler = anonymizeCustomerOrdersHandler();
