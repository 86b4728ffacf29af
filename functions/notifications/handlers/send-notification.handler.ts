import { eventConsumer } from '../../shared/events/event-consumer.js';
import { notificationEvents } from '../contracts/subscriptions.js';
import { notificationsDependencies, notificationsInbox } from '../dependencies.js';
import { sendNotification } from '../use-cases/send-notification.js';

export const sendNotificationHandler = (deps = notificationsDependencies, inbox = notificationsInbox) =>
  eventConsumer(notificationEvents, (event) => sendNotification(deps(), event), {
    name: 'SendNotification',
    inbox,
  });

export const handler = sendNotificationHandler();
