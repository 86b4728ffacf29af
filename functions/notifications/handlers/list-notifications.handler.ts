import { httpRoute } from '../../shared/http/http-route.js';
import { listNotificationsQuery } from '../contracts/schemas.js';
import { notificationsDependencies } from '../dependencies.js';
import { listNotifications } from '../use-cases/read-notifications.js';

export const listNotificationsHandler = (deps = notificationsDependencies) =>
  httpRoute({ access: 'customer', query: listNotificationsQuery }, ({ caller, query }) =>
    listNotifications(deps(), caller, query),
  );

export const handler = listNotificationsHandler();
