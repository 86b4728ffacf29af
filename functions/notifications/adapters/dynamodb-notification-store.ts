import { batchGetAll, queryPages, whenConditionHolds } from '../../shared/dynamodb.js';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '../../shared/dynamodb-sdk.js';
import type { PageKey } from '../../shared/pagination.js';
import type { Notification } from '../domain/notification.js';
import { FORGOTTEN, type NotificationStore, type Recipient } from '../use-cases/ports.js';
import { READ_PREFIX, UNREAD_PREFIX } from './notifications-table.js';

const partitionOf = (recipient: string) => `USER#${recipient}`;
const keyOf = (recipient: string, id: string, read: boolean) => ({
  pk: partitionOf(recipient),
  sk: `${read ? READ_PREFIX : UNREAD_PREFIX}${id}`,
});
const recipientKey = (userId: string) => ({ pk: `RECIPIENT#${userId}`, sk: 'RECIPIENT' });

type Item = Notification & { pk: string; sk: string };

const toNotification = ({ pk: _pk, sk: _sk, ...notification }: Item): Notification => notification;

export const dynamoNotificationStore = (db: DynamoDBDocumentClient, tableName: string): NotificationStore => {
  /** One range of a recipient's partition, newest first, before the notification `before` if given. */
  const range = async (recipient: string, prefix: string, limit: number, before?: string) => {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :partition AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':partition': partitionOf(recipient), ':prefix': prefix },
        ScanIndexForward: false,
        Limit: limit,
        // A position need not be an item's: the range goes on below it.
        ...(before ? { ExclusiveStartKey: { pk: partitionOf(recipient), sk: `${prefix}${before}` } } : {}),
      }),
    );
    return (Items as Item[]).map(toNotification);
  };

  /** Sets `emailedAt` on the notification where it is, if it is anywhere. */
  const markEmailedAt = (recipient: string, id: string, read: boolean, at: string) =>
    whenConditionHolds(
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(recipient, id, read),
          UpdateExpression: 'SET emailedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );

  return {
    // Unless an unread one has its id. A read one is not looked for here: a notification is
    // read only after it was stored, and `get` (which notify asks first) finds it.
    add: (notification) =>
      whenConditionHolds(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keyOf(notification.recipient, notification.id, notification.read), ...notification },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      ),

    async get(recipient, id) {
      const found = await batchGetAll<Item>(
        db,
        tableName,
        [keyOf(recipient, id, false), keyOf(recipient, id, true)],
        { consistent: true },
      );
      // Both, when a move to the read range was cut short: it was read.
      const item = found.find((candidate) => candidate.read) ?? found[0];
      return item ? toNotification(item) : undefined;
    },

    async list(recipient, { limit, unreadOnly, after }) {
      const before = typeof after?.before === 'string' ? after.before : undefined;
      // One more than asked shows whether another page exists.
      const [unread, read] = await Promise.all([
        range(recipient, UNREAD_PREFIX, limit + 1, before),
        unreadOnly ? [] : range(recipient, READ_PREFIX, limit + 1, before),
      ]);
      const byId = new Map<string, Notification>();
      // Newest first; were a move from unread to read cut short, the read one stands.
      for (const notification of [...unread, ...read].sort((a, b) => (a.id < b.id ? 1 : -1)))
        if (!byId.get(notification.id)?.read) byId.set(notification.id, notification);
      const merged = [...byId.values()];
      const items = merged.slice(0, limit);
      const last = items.at(-1);
      const next: PageKey | undefined = merged.length > limit && last ? { before: last.id } : undefined;
      return { items, ...(next ? { next } : {}) };
    },

    async countUnread(recipient) {
      let count = 0;
      for await (const page of queryPages(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :partition AND begins_with(sk, :unread)',
        ExpressionAttributeValues: { ':partition': partitionOf(recipient), ':unread': UNREAD_PREFIX },
        Select: 'COUNT',
      }))
        count += page.count;
      return count;
    },

    async markRead(recipient, id) {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: keyOf(recipient, id, false), ConsistentRead: true }),
      );
      if (!Item) {
        const { Item: read } = await db.send(
          new GetCommand({ TableName: tableName, Key: keyOf(recipient, id, true), ConsistentRead: true }),
        );
        return read !== undefined;
      }
      // The read copy first, then the unread one goes (two writes, not a transaction
      // that bills each twice): cut short in between, the notification is in both
      // ranges, listed once, as read, and counted unread until it is marked again.
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...Item, ...keyOf(recipient, id, true), read: true },
        }),
      );
      await db.send(new DeleteCommand({ TableName: tableName, Key: keyOf(recipient, id, false) }));
      return true;
    },

    async markEmailed(recipient, id, at) {
      if (!(await markEmailedAt(recipient, id, false, at))) await markEmailedAt(recipient, id, true, at);
    },

    async saveRecipient(recipient: Recipient) {
      await whenConditionHolds(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...recipientKey(recipient.userId), ...recipient },
            // A late welcome does not bring back a forgotten recipient.
            ConditionExpression: 'attribute_not_exists(forgottenAt)',
          }),
        ),
      );
    },

    async recipient(userId) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: recipientKey(userId) }));
      if (!Item) return undefined;
      if (Item.forgottenAt) return FORGOTTEN;
      const { pk: _pk, sk: _sk, ...recipient } = Item as Recipient & { pk: string; sk: string };
      return recipient;
    },

    async forget(userId, at) {
      // First the mark, with nothing personal in it: news arriving meanwhile adds nothing.
      await db.send(
        new PutCommand({ TableName: tableName, Item: { ...recipientKey(userId), userId, forgottenAt: at } }),
      );
      // A page of keys at a time, each deleted (a recipient's partition: a few hundred items at most).
      for await (const { items } of queryPages(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partitionOf(userId) },
        ProjectionExpression: 'pk, sk',
      }))
        for (const { pk, sk } of items)
          await db.send(new DeleteCommand({ TableName: tableName, Key: { pk, sk } }));
    },
  };
};
