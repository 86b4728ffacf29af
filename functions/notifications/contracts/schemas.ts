import * as z from 'zod';
import { pageQuery } from '../../shared/pagination.js';

export const listNotificationsQuery = z.strictObject({
  ...pageQuery,
  unread: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /** `admins`: the stock alerts for the admin group (admins only). */
  audience: z.enum(['me', 'admins']).default('me'),
});

export const notificationPath = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a notification id'),
});

export const notificationView = z.object({
  id: z.string(),
  type: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationView = z.infer<typeof notificationView>;
