import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { notificationsRoutes } from '../contracts/routes.js';
import { notificationsDependencies } from '../dependencies.js';
import { markRead } from '../use-cases/read-notifications.js';

export const markNotificationReadHandler = (deps = notificationsDependencies) =>
  httpRoute(notificationsRoutes.markNotificationRead, async ({ caller, path }) => {
    await markRead(deps(), caller, path.id);
    return noContent();
  });

export const handler = markNotificationReadHandler();
