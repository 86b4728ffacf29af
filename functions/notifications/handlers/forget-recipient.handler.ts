import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { UserDeleted } from '../../users/contracts/events.js';
import { notificationsDependencies } from '../dependencies.js';
import { forgetRecipient } from '../use-cases/read-notifications.js';

export const forgetRecipientHandler = (deps = notificationsDependencies) =>
  eventConsumer([UserDeleted], (event) => forgetRecipient(deps(), event.detail.data.userId), {
    name: 'ForgetRecipient',
    // Deleting what is already gone changes nothing: no inbox needed.
    inbox: IDEMPOTENT_USE_CASE,
  });

export const handler = forgetRecipientHandler();
