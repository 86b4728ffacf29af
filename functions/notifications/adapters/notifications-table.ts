/**
 * The notifications table's design, shared by the adapter and the CDK construct:
 *
 * | item         | pk                    | sk                  | unreadPk (while unread) | listSk            |
 * |--------------|-----------------------|---------------------|-------------------------|-------------------|
 * | notification | USER#<recipient>      | NOTIFICATION#<id>   | USER#<recipient>        | <createdAt>#<id>  |
 * | recipient    | RECIPIENT#<userId>    | RECIPIENT           |                         |                   |
 *
 * A notification's id begins with its time, so a recipient's partition lists
 * their notifications newest first by reading it backwards, with no index.
 * `byUnread` is sparse (unread ones only), for `?unread=true` and the unread
 * count: a new notification costs the table and that one index.
 */
/**
 * What a listing shows (the index keeps these only): marking a notification
 * emailed then writes the table alone (1 write unit, not 2).
 */
const LISTED_ATTRIBUTES = ['id', 'recipient', 'type', 'subject', 'body', 'createdAt', 'read'] as const;

export const NotificationsTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byUnread: {
      name: 'byUnread',
      partitionKey: 'unreadPk',
      sortKey: 'listSk',
      projection: LISTED_ATTRIBUTES,
    },
  },
} as const;
