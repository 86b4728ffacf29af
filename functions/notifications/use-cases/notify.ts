import { createHash } from 'node:crypto';
import { ADMINS, type Message, messages, type Notification } from '../domain/notification.js';
import { FORGOTTEN, type NotificationsDependencies, type Recipient } from './ports.js';

/**
 * The same (event, type) always gives the same id: one message however often
 * the event arrives. It begins with the event's time (milliseconds, base 36,
 * 9 digits: sortable as text until the year 5000), so that a recipient's
 * messages in id order are in time order; 13 characters of a hash follow.
 */
export const notificationId = (eventId: string, type: string, occurredAt: string): string =>
  `${Date.parse(occurredAt).toString(36).padStart(9, '0')}${createHash('sha256')
    .update(`${eventId}:${type}`)
    .digest('base64url')
    .slice(0, 13)}`;

/**
 * Emails a message and stores it for its recipient, once however often its
 * event arrives. The email goes first and the message is stored already
 * marked as emailed: one write where storing, sending and marking took two.
 * An email that fails still leaves the message stored, unmarked, for the
 * app, and the event's redelivery sends it then. A crash between sending and
 * storing sends the email again on redelivery (as a crash before the mark
 * did): email is at least once.
 */
export const notify = async (
  deps: NotificationsDependencies,
  news: { eventId: string; occurredAt: string; recipient: string; message: Message },
): Promise<void> => {
  const { notifications, email, clock } = deps;
  const notification: Notification = {
    id: notificationId(news.eventId, news.message.type, news.occurredAt),
    recipient: news.recipient,
    ...news.message,
    // When it happened: the same however late or often the event arrives.
    createdAt: new Date(news.occurredAt).toISOString(),
    read: false,
  };
  const stored = await notifications.get(notification.recipient, notification.id);
  if (stored?.emailedAt) return;
  const known = news.recipient === ADMINS ? undefined : await notifications.recipient(news.recipient);
  // News of a deleted account, arriving late: nothing is kept or sent.
  if (known === FORGOTTEN) return;
  const to = news.recipient === ADMINS ? deps.adminEmail : known?.email;
  if (!to) {
    if (!stored) await notifications.add(notification);
    return;
  }
  try {
    await email.send({ to, subject: notification.subject, body: notification.body });
  } catch (error) {
    if (!stored) await notifications.add(notification);
    throw error;
  }
  const emailedAt = clock().toISOString();
  // Stored meanwhile (an earlier failure, or the same event delivered twice at once): mark it.
  if (stored || !(await notifications.add({ ...notification, emailedAt })))
    await notifications.markEmailed(notification.recipient, notification.id, emailedAt);
};

/** A new customer: remember where to write to, and welcome them. */
export const welcome = async (
  deps: NotificationsDependencies,
  event: { eventId: string; occurredAt: string },
  recipient: Recipient,
) => {
  await deps.notifications.saveRecipient(recipient);
  // notify() finds the recipient forgotten, when the account was deleted before this came.
  await notify(deps, { ...event, recipient: recipient.userId, message: messages.welcome(recipient.name) });
};
