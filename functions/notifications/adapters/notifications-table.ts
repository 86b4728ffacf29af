/**
 * The notifications table's design, shared by the adapter and the CDK construct:
 *
 * | item         | pk                    | sk                  | listPk              | listSk            | unreadPk (while unread) |
 * |--------------|-----------------------|---------------------|---------------------|-------------------|-------------------------|
 * | notification | USER#<recipient>      | NOTIFICATION#<id>   | USER#<recipient>    | <createdAt>#<id>  | USER#<recipient>        |
 * | recipient    | RECIPIENT#<userId>    | RECIPIENT           |                     |                   |                         |
 *
 * `byRecipient` lists a recipient's notifications newest first; `byUnread` is
 * sparse (unread ones only), for `?unread=true` and the unread count.
 */
/**
 * What a listing shows (the indexes keep these only): marking a notification
 * emailed then writes the table alone, not both indexes (1 write unit, not 3).
 */
const LISTED_ATTRIBUTES = ['id', 'recipient', 'type', 'subject', 'body', 'createdAt', 'read'] as const;

export const NotificationsTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byRecipient: {
      name: 'byRecipient',
      partitionKey: 'listPk',
      sortKey: 'listSk',
      projection: LISTED_ATTRIBUTES,
    },
    byUnread: {
      name: 'byUnread',
      partitionKey: 'unreadPk',
      sortKey: 'listSk',
      projection: LISTED_ATTRIBUTES,
    },
  },
} as const;
