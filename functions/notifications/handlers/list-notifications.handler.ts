import { httpRoute } from '../../shared/http/http-route.js';
import { notificationsRoutes } from '../contracts/routes.js';
import { notificationsDependencies } from '../dependencies.js';
import { listNotifications } from '../use-cases/read-notifications.js';

export const listNotificationsHandler = (deps = notificationsDependencies) =>
  httpRoute(notificationsRoutes.listNotifications, ({ caller, query }) =>
    listNotifications(deps(), caller, query),
  );

export const handler = listNotificationsHandler();
