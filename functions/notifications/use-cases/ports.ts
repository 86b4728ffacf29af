import type { CursorCodec, PageKey } from '../../shared/pagination.js';
import type { Notification } from '../domain/notification.js';

/** A recipient whose account was deleted: nothing is stored or sent for them. */
export const FORGOTTEN = 'forgotten';

/** Where a recipient's email is known from (the welcome event carries it). */
export interface Recipient {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
}

export interface NotificationStore {
  /**
   * Stores a new notification unless an unread one has its id; resolves with
   * whether it did. One already read is found by `get`, which is asked first.
   */
  add(notification: Notification): Promise<boolean>;
  get(recipient: string, id: string): Promise<Notification | undefined>;
  list(
    recipient: string,
    page: { limit: number; unreadOnly: boolean; after?: PageKey },
  ): Promise<{ items: Notification[]; next?: PageKey }>;
  countUnread(recipient: string): Promise<number>;
  /** Marks it read; false when the recipient has no such notification. */
  markRead(recipient: string, id: string): Promise<boolean>;
  /** Records when its email went out. */
  markEmailed(recipient: string, id: string, at: string): Promise<void>;
  /** Saves where to write to; nothing for a recipient forgotten (an event late after the deletion). */
  saveRecipient(recipient: Recipient): Promise<void>;
  /** The recipient, `FORGOTTEN` once their account was deleted, or undefined when never heard of. */
  recipient(userId: string): Promise<Recipient | typeof FORGOTTEN | undefined>;
  /**
   * Forgets the user: what is known of them as a recipient becomes a mark
   * that they are forgotten (no email, no name), then every notification of
   * theirs is deleted. Late events add nothing for them after this.
   */
  forget(userId: string, at: string): Promise<void>;
}

/** Sends email: SES in the cloud; on the local cloud the message is logged instead. */
export interface EmailSender {
  send(message: { to: string; subject: string; body: string }): Promise<void>;
}

export interface NotificationsDependencies {
  readonly notifications: NotificationStore;
  readonly email: EmailSender;
  readonly cursors: CursorCodec;
  readonly clock: () => Date;
  /** Where stock alerts for admins are emailed, if anywhere. */
  readonly adminEmail?: string;
}
