import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { once } from '../shared/once.js';
import { secretCursors } from '../shared/secret-cursors.js';
import { dynamoNotificationStore } from './adapters/dynamodb-notification-store.js';
import { loggedEmailSender, sesClient, sesEmailSender } from './adapters/email-senders.js';
import { adapterConfigs, notificationsConfig } from './config.js';
import type { NotificationsDependencies } from './use-cases/ports.js';

let dependencies: NotificationsDependencies | undefined;

/**
 * Notifications' real adapters. Each is built on its first use and kept for
 * the container's life, so a function reads only the variables it is given.
 */
export const notificationsDependencies = (): NotificationsDependencies => {
  if (!dependencies) {
    const email = once(() => adapterConfigs.email.load());
    const sender = once(() => {
      const from = email().EMAIL_FROM;
      return from ? sesEmailSender(sesClient(), from) : loggedEmailSender();
    });
    const cursors = once(secretCursors);
    dependencies = {
      notifications: dynamoNotificationStore(
        dynamoDocumentClient(),
        notificationsConfig.load().NOTIFICATIONS_TABLE_NAME,
      ),
      clock: () => new Date(),
      get email() {
        return sender();
      },
      get cursors() {
        return cursors();
      },
      get adminEmail() {
        return email().ADMIN_ALERT_EMAIL || undefined;
      },
    };
  }
  return dependencies;
};
