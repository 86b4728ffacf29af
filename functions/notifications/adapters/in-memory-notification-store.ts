import type { PageKey } from '../../shared/pagination.js';
import type { Notification } from '../domain/notification.js';
import { FORGOTTEN, type NotificationStore, type Recipient } from '../use-cases/ports.js';

/** The notification store's twin in memory, for tests. */
export class InMemoryNotifications {
  readonly notifications = new Map<string, Notification>();
  readonly recipients = new Map<string, Recipient>();
  readonly forgotten = new Set<string>();

  /** Newest first: ids begin with their notification's time. */
  private mine(recipient: string, unreadOnly: boolean) {
    return [...this.notifications.values()]
      .filter((item) => item.recipient === recipient && (!unreadOnly || !item.read))
      .sort((a, b) => (a.id < b.id ? 1 : -1));
  }

  readonly store: NotificationStore = {
    add: async (notification) => {
      const id = `${notification.recipient}#${notification.id}`;
      if (this.notifications.has(id)) return false;
      this.notifications.set(id, notification);
      return true;
    },
    get: async (recipient, id) => this.notifications.get(`${recipient}#${id}`),
    list: async (recipient, { limit, unreadOnly, after }) => {
      const all = this.mine(recipient, unreadOnly).filter((item) => !after || item.id < String(after.before));
      const items = all.slice(0, limit);
      const last = items.at(-1);
      const next: PageKey | undefined = all.length > limit && last ? { before: last.id } : undefined;
      return { items, ...(next ? { next } : {}) };
    },
    countUnread: async (recipient) => this.mine(recipient, true).length,
    markRead: async (recipient, id) => {
      const stored = this.notifications.get(`${recipient}#${id}`);
      if (!stored) return false;
      this.notifications.set(`${recipient}#${id}`, { ...stored, read: true });
      return true;
    },
    markEmailed: async (recipient, id, at) => {
      const stored = this.notifications.get(`${recipient}#${id}`);
      if (stored) this.notifications.set(`${recipient}#${id}`, { ...stored, emailedAt: at });
    },
    saveRecipient: async (recipient) => {
      if (!this.forgotten.has(recipient.userId)) this.recipients.set(recipient.userId, recipient);
    },
    recipient: async (userId) => (this.forgotten.has(userId) ? FORGOTTEN : this.recipients.get(userId)),
    forget: async (userId) => {
      this.forgotten.add(userId);
      this.recipients.delete(userId);
      for (const key of [...this.notifications.keys()])
        if (key.startsWith(`${userId}#`)) this.notifications.delete(key);
    },
  };
}
