import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { hmacCursors } from '../shared/pagination.js';
import { dynamoNotificationStore } from './adapters/dynamodb-notification-store.js';
import { loggedEmailSender, sesClient, sesEmailSender } from './adapters/email-senders.js';
import { notificationsConfig } from './config.js';
import type { NotificationsDependencies } from './use-cases/ports.js';

let dependencies: NotificationsDependencies | undefined;

/** Notifications' real adapters, built on first use and kept for the container's life. */
export const notificationsDependencies = (): NotificationsDependencies => {
  if (!dependencies) {
    const config = notificationsConfig.load();
    dependencies = {
      notifications: dynamoNotificationStore(dynamoDocumentClient(), config.NOTIFICATIONS_TABLE_NAME),
      email: config.EMAIL_FROM ? sesEmailSender(sesClient(), config.EMAIL_FROM) : loggedEmailSender(),
      cursors: hmacCursors(config.CURSOR_SECRET),
      clock: () => new Date(),
      ...(config.ADMIN_ALERT_EMAIL ? { adminEmail: config.ADMIN_ALERT_EMAIL } : {}),
    };
  }
  return dependencies;
};
