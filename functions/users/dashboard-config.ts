import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';

/** The dashboard reads the profile here and two other services through their read contracts. */
export const dashboardConfig = defineConfig({
  USERS_TABLE_NAME: z.string().check(z.minLength(1)),
  /** Orders' ListRecentOrders read contract. */
  ORDERS_LIST_RECENT_ORDERS_FUNCTION: z.string().check(z.minLength(1)),
  /** Notifications' CountUnreadNotifications read contract. */
  NOTIFICATIONS_COUNT_UNREAD_NOTIFICATIONS_FUNCTION: z.string().check(z.minLength(1)),
});
