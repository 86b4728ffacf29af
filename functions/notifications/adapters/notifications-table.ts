/**
 * The notifications table's design, shared by the adapter and the CDK construct:
 *
 * | item         | pk                    | sk                  | listPk              | listSk            | unreadPk (while unread) |
 * |--------------|-----------------------|---------------------|---------------------|-------------------|-------------------------|
 * | notification | USER#<recipient>      | NOTIFICATION#<id>   | USER#<recipient>    | <createdAt>#<id>  | USER#<recipient>        |
 * | recipient    | RECIPIENT#<userId>    | RECIPIENT           |                     |                   |                         |
 * | inbox        | INBOX#<consumer>#<id> | INBOX               |                     |                   |                         |
 *
 * `byRecipient` lists a recipient's notifications newest first; `byUnread` is
 * sparse (unread ones only), for `?unread=true` and the unread count.
 */
export const NotificationsTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {
    byRecipient: { name: 'byRecipient', partitionKey: 'listPk', sortKey: 'listSk' },
    byUnread: { name: 'byUnread', partitionKey: 'unreadPk', sortKey: 'listSk' },
  },
} as const;
