import { serveContract } from '../../shared/invoke/contract.js';
import { CountUnreadNotifications } from '../contracts/count-unread.js';
import { notificationsDependencies } from '../dependencies.js';
import { countUnread } from '../use-cases/read-notifications.js';

export const countUnreadNotificationsHandler = (deps = notificationsDependencies) =>
  serveContract(CountUnreadNotifications, async ({ userId }) => ({
    unread: await countUnread(deps(), userId),
  }));

export const handler = countUnreadNotificationsHandler();
