import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { queryIndexPage, queryPage, whenConditionHolds } from '../../shared/dynamodb.js';
import type { Notification } from '../domain/notification.js';
import type { NotificationStore, Recipient } from '../use-cases/ports.js';
import { NotificationsTable } from './notifications-table.js';

const key = (recipient: string, id: string) => ({ pk: `USER#${recipient}`, sk: `NOTIFICATION#${id}` });
const recipientKey = (userId: string) => ({ pk: `RECIPIENT#${userId}`, sk: 'RECIPIENT' });

type Item = Notification & { pk: string; sk: string; listSk: string; unreadPk?: string };

const toNotification = ({ pk: _pk, sk: _sk, listSk: _s, unreadPk: _u, ...notification }: Item) =>
  notification;

export const dynamoNotificationStore = (
  db: DynamoDBDocumentClient,
  tableName: string,
): NotificationStore => ({
  add: (notification) =>
    whenConditionHolds(
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...key(notification.recipient, notification.id),
            listSk: `${notification.createdAt}#${notification.id}`,
            ...(notification.read ? {} : { unreadPk: `USER#${notification.recipient}` }),
            ...notification,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ),

  async get(recipient, id) {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: key(recipient, id), ConsistentRead: true }),
    );
    return Item ? toNotification(Item as Item) : undefined;
  },

  async list(recipient, { limit, unreadOnly, after }) {
    const partition = `USER#${recipient}`;
    const page = { limit, ...(after ? { after } : {}) };
    const { items, next } = unreadOnly
      ? await queryIndexPage<Item>(db, tableName, NotificationsTable.indexes.byUnread, partition, {
          ...page,
          newestFirst: true,
          keyOf: (last) => ({ pk: last.pk, sk: last.sk, listSk: last.listSk, unreadPk: partition }),
        })
      : // Ids begin with their time: the partition read backwards is newest first.
        await queryPage<Item>(
          db,
          {
            TableName: tableName,
            KeyConditionExpression: 'pk = :partition AND begins_with(sk, :notification)',
            ExpressionAttributeValues: { ':partition': partition, ':notification': 'NOTIFICATION#' },
            ScanIndexForward: false,
          },
          { ...page, keyOf: (last) => ({ pk: last.pk, sk: last.sk }) },
        );
    return { items: items.map(toNotification), ...(next ? { next } : {}) };
  },

  async countUnread(recipient) {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: NotificationsTable.indexes.byUnread.name,
          KeyConditionExpression: 'unreadPk = :partition',
          ExpressionAttributeValues: { ':partition': `USER#${recipient}` },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  },

  markRead: (recipient, id) =>
    whenConditionHolds(
      db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(recipient, id),
          UpdateExpression: 'SET #read = :true REMOVE unreadPk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#read': 'read' },
          ExpressionAttributeValues: { ':true': true },
        }),
      ),
    ),

  async markEmailed(recipient, id, at) {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key(recipient, id),
        UpdateExpression: 'SET emailedAt = :at',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  },

  async saveRecipient(recipient: Recipient) {
    await db.send(
      new PutCommand({ TableName: tableName, Item: { ...recipientKey(recipient.userId), ...recipient } }),
    );
  },

  async recipient(userId) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: recipientKey(userId) }));
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...recipient } = Item as Recipient & { pk: string; sk: string };
    return recipient;
  },
});
