import { createHash } from 'node:crypto';
import { ADMINS, type Message, messages, type Notification } from '../domain/notification.js';
import type { NotificationsDependencies, Recipient } from './ports.js';

/** The same (event, type) always gives the same id: one message however often the event arrives. */
export const notificationId = (eventId: string, type: string): string =>
  createHash('sha256').update(`${eventId}:${type}`).digest('base64url').slice(0, 22);

/**
 * Stores a message for its recipient and emails it. A message stored before
 * is not stored again, and its email is sent only if it has not gone out
 * yet, so a crash between the two is made good by the event's redelivery.
 */
export const notify = async (
  deps: NotificationsDependencies,
  news: { eventId: string; recipient: string; message: Message },
): Promise<void> => {
  const { notifications, email, clock } = deps;
  const notification: Notification = {
    id: notificationId(news.eventId, news.message.type),
    recipient: news.recipient,
    ...news.message,
    createdAt: clock().toISOString(),
    read: false,
  };
  if (!(await notifications.add(notification))) {
    const stored = await notifications.get(notification.recipient, notification.id);
    if (stored?.emailedAt) return;
  }
  const to =
    news.recipient === ADMINS ? deps.adminEmail : (await notifications.recipient(news.recipient))?.email;
  if (!to) return;
  await email.send({ to, subject: notification.subject, body: notification.body });
  await notifications.markEmailed(notification.recipient, notification.id, clock().toISOString());
};

/** A new customer: remember where to write to, and welcome them. */
export const welcome = async (deps: NotificationsDependencies, eventId: string, recipient: Recipient) => {
  await deps.notifications.saveRecipient(recipient);
  await notify(deps, { eventId, recipient: recipient.userId, message: messages.welcome(recipient.name) });
};
