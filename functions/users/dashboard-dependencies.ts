import { notificationsReader } from '../notifications/contracts/count-unread.js';
import { ordersReader } from '../orders/contracts/list-recent-orders.js';
import { dynamoDocumentClient } from '../shared/dynamodb.js';
import { lambdaInvoker } from '../shared/invoke/contract.js';
import { dynamoProfileStore } from './adapters/dynamodb-profile-store.js';
import { dashboardConfig } from './dashboard-config.js';
import type { DashboardSources } from './use-cases/dashboard.js';
import type { UsersDependencies } from './use-cases/ports.js';

export type DashboardDependencies = Pick<UsersDependencies, 'profiles'> & DashboardSources;

let dependencies: DashboardDependencies | undefined;

/** The dashboard's adapters, built on first use and kept for the container's life. */
export const dashboardDependencies = (): DashboardDependencies => {
  if (!dependencies) {
    const config = dashboardConfig.load();
    const lambda = lambdaInvoker();
    const orders = ordersReader(lambda, config.ORDERS_LIST_RECENT_ORDERS_FUNCTION);
    const notifications = notificationsReader(
      lambda,
      config.NOTIFICATIONS_COUNT_UNREAD_NOTIFICATIONS_FUNCTION,
    );
    dependencies = {
      profiles: dynamoProfileStore(dynamoDocumentClient(), config.USERS_TABLE_NAME),
      recentOrders: (userId, limit) => orders.recent(userId, limit),
      unreadNotifications: (userId) => notifications.unreadCount(userId),
    };
  }
  return dependencies;
};
