import { describe, expect, it } from 'vitest';
import type { Notification } from '../../../functions/notifications/domain/notification.js';
import { notificationId } from '../../../functions/notifications/use-cases/notify.js';
import { FORGOTTEN, type NotificationStore } from '../../../functions/notifications/use-cases/ports.js';

const note = (id: string, recipient: string, createdAt: string): Notification => ({
  id,
  recipient,
  type: 'ORDER_CONFIRMED',
  subject: `Subject ${id}`,
  body: 'Body',
  createdAt,
  read: false,
});

/** What every notification store promises; the in-memory twin and the DynamoDB adapter both run it. */
export const notificationStoreContract = (name: string, fresh: () => Promise<NotificationStore>) => {
  describe(name, () => {
    it('stores a notification once per id, and reads it back', async () => {
      const store = await fresh();
      expect(await store.add(note('n-1', 'u-1', '2026-11-22T10:00:00.000Z'))).toBe(true);
      expect(await store.add(note('n-1', 'u-1', '2026-11-22T10:05:00.000Z'))).toBe(false);
      expect(await store.get('u-1', 'n-1')).toMatchObject({
        id: 'n-1',
        createdAt: '2026-11-22T10:00:00.000Z',
      });
      expect(await store.get('u-2', 'n-1')).toBeUndefined();
    });

    it('lists a recipient’s notifications newest first, a page at a time, unread ones apart', async () => {
      const store = await fresh();
      // Ids as notify makes them: they begin with their notification's time.
      const [n1, n2, n3] = [
        '2026-11-22T10:00:00.000Z',
        '2026-11-22T11:00:00.000Z',
        '2026-11-22T12:00:00.000Z',
      ].map((at, n) => {
        const id = notificationId(`event-${n}`, 'ORDER_CONFIRMED', at);
        return { id, add: () => store.add(note(id, 'u-1', at)) };
      });
      for (const notification of [n2, n3, n1]) await notification?.add();
      await store.add(note('x-1', 'u-2', '2026-11-22T13:00:00.000Z'));
      const first = await store.list('u-1', { limit: 2, unreadOnly: false });
      expect(first.items.map((item) => item.id)).toEqual([n3?.id, n2?.id]);
      const second = await store.list('u-1', {
        limit: 2,
        unreadOnly: false,
        ...(first.next ? { after: first.next } : {}),
      });
      expect(second.items.map((item) => item.id)).toEqual([n1?.id]);
      expect(second.next).toBeUndefined();
      expect(await store.markRead('u-1', n2?.id ?? '')).toBe(true);
      expect(await store.markRead('u-1', 'missing')).toBe(false);
      expect((await store.list('u-1', { limit: 10, unreadOnly: true })).items.map((item) => item.id)).toEqual(
        [n3?.id, n1?.id],
      );
      expect(await store.countUnread('u-1')).toBe(2);
      expect(await store.countUnread('u-2')).toBe(1);
      const pages = [await store.list('u-1', { limit: 2, unreadOnly: false })];
      const after = pages[0]?.next;
      if (after) pages.push(await store.list('u-1', { limit: 2, unreadOnly: false, after }));
      expect(pages.map((page) => page.items.map(({ id, read }) => ({ id, read })))).toEqual([
        [
          { id: n3?.id, read: false },
          { id: n2?.id, read: true },
        ],
        [{ id: n1?.id, read: false }],
      ]);
    });

    it('keeps a notification read once it is: found, marked again and emailed as read', async () => {
      const store = await fresh();
      await store.add(note('n-1', 'u-1', '2026-11-22T10:00:00.000Z'));
      expect(await store.markRead('u-1', 'n-1')).toBe(true);
      expect(await store.markRead('u-1', 'n-1')).toBe(true);
      await store.markEmailed('u-1', 'n-1', '2026-11-22T10:00:01.000Z');
      expect(await store.get('u-1', 'n-1')).toMatchObject({
        id: 'n-1',
        read: true,
        emailedAt: '2026-11-22T10:00:01.000Z',
      });
      expect(await store.countUnread('u-1')).toBe(0);
      expect((await store.list('u-1', { limit: 10, unreadOnly: true })).items).toEqual([]);
      expect((await store.list('u-1', { limit: 10, unreadOnly: false })).items).toHaveLength(1);
    });

    it('records when the email went out, and remembers recipients', async () => {
      const store = await fresh();
      await store.add(note('n-1', 'u-1', '2026-11-22T10:00:00.000Z'));
      await store.markEmailed('u-1', 'n-1', '2026-11-22T10:00:01.000Z');
      expect((await store.get('u-1', 'n-1'))?.emailedAt).toBe('2026-11-22T10:00:01.000Z');
      await store.saveRecipient({ userId: 'u-1', email: 'ada@example.com', name: 'Ada' });
      expect(await store.recipient('u-1')).toEqual({ userId: 'u-1', email: 'ada@example.com', name: 'Ada' });
      expect(await store.recipient('u-9')).toBeUndefined();
    });

    it('forgets a recipient for good: notifications gone, no address, a late welcome brings nothing back', async () => {
      const store = await fresh();
      await store.saveRecipient({ userId: 'u-1', email: 'ada@example.com', name: 'Ada' });
      await store.add(note('n-1', 'u-1', '2026-11-22T10:00:00.000Z'));
      await store.markRead('u-1', 'n-1');
      await store.add(note('n-2', 'u-1', '2026-11-22T11:00:00.000Z'));
      await store.add(note('n-3', 'u-2', '2026-11-22T11:00:00.000Z'));
      await store.forget('u-1', '2026-11-23T00:00:00.000Z');
      await store.forget('u-1', '2026-11-23T00:00:01.000Z');
      expect(await store.recipient('u-1')).toBe(FORGOTTEN);
      expect((await store.list('u-1', { limit: 10, unreadOnly: false })).items).toEqual([]);
      await store.saveRecipient({ userId: 'u-1', email: 'ada@example.com', name: 'Ada' });
      expect(await store.recipient('u-1')).toBe(FORGOTTEN);
      expect(await store.get('u-2', 'n-3')).toMatchObject({ id: 'n-3' });
    });
  });
};
