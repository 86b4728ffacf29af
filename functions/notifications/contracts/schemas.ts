import * as z from 'zod/mini';
import { pageQuery } from '../../shared/pagination.js';

export const listNotificationsQuery = z.strictObject({
  ...pageQuery,
  unread: z.pipe(
    z._default(z.enum(['true', 'false']), 'false'),
    z.transform((value) => value === 'true'),
  ),
  /** `admins`: the stock alerts for the admin group (admins only). */
  audience: z._default(z.enum(['me', 'admins']), 'me'),
});

export const notificationPath = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'is not a notification id')),
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
