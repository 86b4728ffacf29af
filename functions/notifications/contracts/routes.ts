import { defineRoute } from '../../shared/http/route-spec.js';
import { pageOf } from '../../shared/pagination.js';
import { listNotificationsQuery, notificationPath, notificationView } from './schemas.js';

/** The notifications' HTTP routes (API.md). */
export const notificationsRoutes = {
  listNotifications: defineRoute({
    key: 'GET /notifications',
    summary: "The caller's notifications, newest first (admins: `audience=admins` for stock alerts)",
    access: 'customer',
    query: listNotificationsQuery,
    response: pageOf(notificationView),
  }),
  markNotificationRead: defineRoute({
    key: 'POST /notifications/{id}/read',
    summary: 'Mark a notification read',
    access: 'customer',
    path: notificationPath,
    successStatus: 204,
  }),
};
