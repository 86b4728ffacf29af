import { eventConsumer, IDEMPOTENT_USE_CASE } from '../../shared/events/event-consumer.js';
import { notificationsDependencies } from '../dependencies.js';
import { notifiedEvents, sendNotification } from '../use-cases/send-notification.js';

/** A message's id comes from its event: a duplicate finds it stored (and emailed) and does nothing. */
export const sendNotificationHandler = (deps = notificationsDependencies) =>
  eventConsumer(notifiedEvents, (event) => sendNotification(deps(), event), {
    name: 'SendNotification',
    inbox: IDEMPOTENT_USE_CASE,
  });

export const handler = sendNotificationHandler();
