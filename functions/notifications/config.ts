import * as z from 'zod/mini';
import { defineConfig } from '../shared/config.js';
import { cursorKeyVariables } from '../shared/secret-cursors.js';

const store = { NOTIFICATIONS_TABLE_NAME: z.string().check(z.minLength(1)) };
const email = {
  /** The verified SES identity emails are sent from; empty: emails are logged, not sent. */
  EMAIL_FROM: z.union([z.email(), z.literal('')]),
  /** Where stock alerts for admins are emailed; empty: nowhere. */
  ADMIN_ALERT_EMAIL: z.union([z.email(), z.literal('')]),
};

/** Each function's environment is what it uses (functions/notifications/service.ts). */
export const notificationsConfig = defineConfig(store);
export const listNotificationsConfig = defineConfig({ ...store, ...cursorKeyVariables });
export const sendNotificationConfig = defineConfig({ ...store, ...email });

/** Each adapter reads only its own variables, when it is first used. */
export const adapterConfigs = { email: defineConfig(email) };
