/**
 * The notifications table's design, shared by the adapter and the CDK construct:
 *
 * | item                | pk                 | sk              |
 * |---------------------|--------------------|-----------------|
 * | unread notification | USER#<recipient>   | UNREAD#<id>     |
 * | read notification   | USER#<recipient>   | READ#<id>       |
 * | recipient           | RECIPIENT#<userId> | RECIPIENT       |
 *
 * A recipient's partition holds their unread notifications in one range of
 * keys and the read ones in another, so that `?unread=true` and the unread
 * count read one range, with no index: a new notification is one write unit,
 * where an item and its entry in a sparse unread index took two. Marking one
 * read moves it from the first range to the second (a put and a delete,
 * 2 write units, as updating it and dropping its index entry took).
 * A notification's id begins with its time, so each range read backwards is
 * newest first, and the listing of all merges the two.
 */
export const NotificationsTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: {},
} as const;

export const UNREAD_PREFIX = 'UNREAD#';
export const READ_PREFIX = 'READ#';
