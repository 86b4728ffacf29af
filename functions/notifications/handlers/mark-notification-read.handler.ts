import { httpRoute } from '../../shared/http/http-route.js';
import { noContent } from '../../shared/http/responses.js';
import { notificationPath } from '../contracts/schemas.js';
import { notificationsDependencies } from '../dependencies.js';
import { markRead } from '../use-cases/read-notifications.js';

export const markNotificationReadHandler = (deps = notificationsDependencies) =>
  httpRoute({ access: 'customer', path: notificationPath }, async ({ caller, path }) => {
    await markRead(deps(), caller, path.id);
    return noContent();
  });

export const handler = markNotificationReadHandler();
