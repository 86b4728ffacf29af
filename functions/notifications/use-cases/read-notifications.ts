import type { Page } from '../../shared/pagination.js';
import type { NotificationView } from '../contracts/schemas.js';
import { NotificationNotFoundError } from '../domain/errors.js';
import { ADMINS } from '../domain/notification.js';
import type { NotificationsDependencies } from './ports.js';

/** An admin also reads the admins' alerts; everyone else their own messages. */
const recipientOf = (caller: { userId: string; isAdmin: boolean }, audience: 'me' | 'admins') =>
  audience === 'admins' && caller.isAdmin ? ADMINS : caller.userId;

export const listNotifications = async (
  { notifications, cursors }: Pick<NotificationsDependencies, 'notifications' | 'cursors'>,
  caller: { userId: string; isAdmin: boolean },
  query: { unread: boolean; limit: number; cursor?: string; audience: 'me' | 'admins' },
): Promise<Page<NotificationView>> => {
  const recipient = recipientOf(caller, query.audience);
  const scope = `notifications?user=${caller.userId}&recipient=${recipient}&unread=${query.unread}`;
  const after = query.cursor === undefined ? undefined : await cursors.decode(query.cursor, scope);
  const page = await notifications.list(recipient, {
    limit: query.limit,
    unreadOnly: query.unread,
    ...(after ? { after } : {}),
  });
  return {
    items: page.items.map(({ id, type, subject, body, createdAt, read }) => ({
      id,
      type,
      subject,
      body,
      createdAt,
      read,
    })),
    nextCursor: page.next ? await cursors.encode(page.next, scope) : null,
  };
};

export const countUnread = (
  { notifications }: Pick<NotificationsDependencies, 'notifications'>,
  userId: string,
) => notifications.countUnread(userId);

export const markRead = async (
  { notifications }: Pick<NotificationsDependencies, 'notifications'>,
  caller: { userId: string; isAdmin: boolean },
  id: string,
): Promise<void> => {
  if (await notifications.markRead(caller.userId, id)) return;
  if (caller.isAdmin && (await notifications.markRead(ADMINS, id))) return;
  throw new NotificationNotFoundError();
};

/** The account was deleted: its notifications and its address as a recipient go, for good. */
export const forgetRecipient = (
  { notifications, clock }: Pick<NotificationsDependencies, 'notifications' | 'clock'>,
  userId: string,
) => notifications.forget(userId, clock().toISOString());
