import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

const store = { NOTIFICATIONS_TABLE_NAME: z.string().min(1) };
/** Signs list cursors; at least 32 characters of secret. */
const cursors = { CURSOR_SECRET: z.string().min(32) };
const email = {
  /** The verified SES identity emails are sent from; empty: emails are logged, not sent. */
  EMAIL_FROM: z.union([z.email(), z.literal('')]),
  /** Where stock alerts for admins are emailed; empty: nowhere. */
  ADMIN_ALERT_EMAIL: z.union([z.email(), z.literal('')]),
};

/** Each function's environment is what it uses (functions/notifications/service.ts). */
export const notificationsConfig = defineConfig(store);
export const listNotificationsConfig = defineConfig({ ...store, ...cursors });
export const sendNotificationConfig = defineConfig({ ...store, ...email });

/** Each adapter reads only its own variables, when it is first used. */
export const adapterConfigs = { cursors: defineConfig(cursors), email: defineConfig(email) };
