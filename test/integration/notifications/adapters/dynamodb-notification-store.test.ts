import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoNotificationStore } from '../../../../functions/notifications/adapters/dynamodb-notification-store.js';
import { NotificationsTable } from '../../../../functions/notifications/adapters/notifications-table.js';
import type { Notification } from '../../../../functions/notifications/domain/notification.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { notificationStoreContract } from '../../../support/notifications/notification-store-contract.js';

notificationStoreContract('DynamoDB notification store', async () => {
  const db = dynamoDbLocalClient();
  return dynamoNotificationStore(db, await createTable(db, NotificationsTable));
});

describe('the read and unread ranges', () => {
  it('shows a notification whose move to the read range was cut short once, as read, until it is marked again', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, NotificationsTable);
    const store = dynamoNotificationStore(db, tableName);
    const notification: Notification = {
      id: '0mwso2lnudAmuU91lBHQ9y',
      recipient: 'u-1',
      type: 'ORDER_CONFIRMED',
      subject: 'Confirmed',
      body: 'Body',
      createdAt: '2026-11-22T10:00:00.000Z',
      read: false,
    };
    await store.add(notification);
    // The read copy written, the unread one not yet deleted.
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: 'USER#u-1', sk: `READ#${notification.id}`, ...notification, read: true },
      }),
    );
    expect((await store.list('u-1', { limit: 10, unreadOnly: false })).items).toEqual([
      { ...notification, read: true },
    ]);
    expect(await store.get('u-1', notification.id)).toMatchObject({ read: true });
    expect(await store.countUnread('u-1')).toBe(1);
    expect(await store.markRead('u-1', notification.id)).toBe(true);
    expect(await store.countUnread('u-1')).toBe(0);
    expect((await store.list('u-1', { limit: 10, unreadOnly: false })).items).toHaveLength(1);
  });
});
