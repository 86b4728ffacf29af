import { defineService } from '../shared/service-manifest.js';
import { UserDeleted } from '../users/contracts/events.js';
import { NotificationsTable } from './adapters/notifications-table.js';
import { listNotificationsConfig, notificationsConfig, sendNotificationConfig } from './config.js';
import { notificationsRoutes } from './contracts/routes.js';
import { notifiedEvents } from './use-cases/send-notification.js';

/** A message per (event, kind) for the customer it concerns, and stock alerts for admins. */
export const notificationsService = defineService({
  name: 'notifications',
  purpose: 'messages to customers and admins, stored, readable over HTTP, emailed via SES',
  table: NotificationsTable,
  functions: {
    SendNotification: {
      config: sendNotificationConfig,
      table: 'readWrite',
      email: true,
      trigger: { events: notifiedEvents },
    },
    ListNotifications: {
      config: listNotificationsConfig,
      table: 'read',
      cursorSecret: true,
      trigger: { route: notificationsRoutes.listNotifications },
    },
    MarkNotificationRead: {
      config: notificationsConfig,
      table: 'readWrite',
      trigger: { route: notificationsRoutes.markNotificationRead },
    },
    CountUnreadNotifications: { config: notificationsConfig, table: 'read', trigger: { contract: true } },
    ForgetRecipient: { config: notificationsConfig, table: 'readWrite', trigger: { events: [UserDeleted] } },
  },
});
