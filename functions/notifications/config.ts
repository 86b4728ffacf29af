import * as z from 'zod';
import { defineConfig } from '../shared/config.js';

export const notificationsConfig = defineConfig({
  NOTIFICATIONS_TABLE_NAME: z.string().min(1),
  /** Signs list cursors; at least 32 characters of secret. */
  CURSOR_SECRET: z.string().min(32),
  /** The verified SES identity emails are sent from; empty: emails are logged, not sent. */
  EMAIL_FROM: z.union([z.email(), z.literal('')]),
  /** Where stock alerts for admins are emailed; empty: nowhere. */
  ADMIN_ALERT_EMAIL: z.union([z.email(), z.literal('')]),
});
