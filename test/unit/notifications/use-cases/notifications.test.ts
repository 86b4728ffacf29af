import { beforeEach, describe, expect, it } from 'vitest';
import { StockLow } from '../../../../functions/inventory/contracts/events.js';
import { InMemoryNotifications } from '../../../../functions/notifications/adapters/in-memory-notification-store.js';
import { NotificationNotFoundError } from '../../../../functions/notifications/domain/errors.js';
import type { NotificationsDependencies } from '../../../../functions/notifications/use-cases/ports.js';
import {
  countUnread,
  forgetRecipient,
  listNotifications,
  markRead,
} from '../../../../functions/notifications/use-cases/read-notifications.js';
import { sendNotification } from '../../../../functions/notifications/use-cases/send-notification.js';
import { OrderAddressChanged, OrderCancelled } from '../../../../functions/orders/contracts/events.js';
import { PaymentCompleted } from '../../../../functions/payments/contracts/events.js';
import { money } from '../../../../functions/shared/money.js';
import { hmacCursors } from '../../../../functions/shared/pagination.js';
import { ShipmentStatusChanged } from '../../../../functions/shipping/contracts/events.js';
import { UserRegistered } from '../../../../functions/users/contracts/events.js';

let store: InMemoryNotifications;
let sent: { to: string; subject: string }[];
let failEmail: boolean;
let deps: NotificationsDependencies;

beforeEach(() => {
  store = new InMemoryNotifications();
  sent = [];
  failEmail = false;
  deps = {
    notifications: store.store,
    email: {
      send: async ({ to, subject }) => {
        if (failEmail) throw new Error('SES is down');
        sent.push({ to, subject });
      },
    },
    cursors: hmacCursors('c'.repeat(32)),
    clock: () => new Date('2026-11-22T10:00:00.000Z'),
    adminEmail: 'ops@example.com',
  };
});

const customer = { userId: 'u-1', isAdmin: false };
const registered = UserRegistered.create({ userId: 'u-1', email: 'ada@example.com', name: 'Ada' });

describe('sendNotification', () => {
  it('tells the customer each piece of news of their parcel, and of a changed address', async () => {
    const news = (status: 'IN_TRANSIT' | 'DELIVERED' | 'RETURNED', location?: string) =>
      ShipmentStatusChanged.create({
        orderId: 'o-1234567890',
        userId: 'u-1',
        status,
        at: '2026-11-22T10:00:00.000Z',
        ...(location ? { location } : {}),
        carrier: 'UPS',
        trackingNumber: '1Z1',
      });
    await sendNotification(deps, news('IN_TRANSIT', 'Leeds hub'));
    await sendNotification(deps, news('DELIVERED'));
    await sendNotification(deps, news('RETURNED'));
    await sendNotification(deps, OrderAddressChanged.create({ orderId: 'o-1234567890', userId: 'u-1' }));
    const { items } = await listNotifications(deps, customer, { unread: false, limit: 20, audience: 'me' });
    expect(items.map((item) => [item.type, item.subject]).sort()).toEqual(
      [
        ['SHIPMENT_UPDATE', 'Order o-123456 is in transit'],
        ['SHIPMENT_UPDATE', 'Order o-123456 was delivered'],
        ['SHIPMENT_UPDATE', 'Order o-123456 came back to us'],
        ['ADDRESS_CHANGED', 'New shipping address for order o-123456'],
      ].sort(),
    );
    expect(items.find((item) => item.subject.endsWith('in transit'))?.body).toContain('(Leeds hub)');
  });

  it('keeps and sends nothing for a deleted account, however late its news comes', async () => {
    await sendNotification(deps, registered);
    await forgetRecipient(deps, 'u-1');
    sent.length = 0;
    await sendNotification(deps, registered);
    await sendNotification(deps, OrderAddressChanged.create({ orderId: 'o-1234567890', userId: 'u-1' }));
    const { items } = await listNotifications(deps, customer, { unread: false, limit: 20, audience: 'me' });
    expect(items).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('welcomes a new customer and emails them, once however often the event arrives', async () => {
    await sendNotification(deps, registered);
    await sendNotification(deps, registered);
    const { items } = await listNotifications(deps, customer, { unread: false, limit: 20, audience: 'me' });
    expect(items.map((item) => item.type)).toEqual(['WELCOME']);
    expect(sent).toEqual([{ to: 'ada@example.com', subject: 'Welcome to the shop' }]);
  });

  it('emails a stored message on the next delivery when the email failed the first time', async () => {
    await sendNotification(deps, registered);
    const receipt = PaymentCompleted.create({
      orderId: 'o-1',
      userId: 'u-1',
      amount: money(2500),
      chargeId: 'ch_1',
    });
    failEmail = true;
    await expect(sendNotification(deps, receipt)).rejects.toThrow('SES is down');
    // The app shows it meanwhile.
    expect(await countUnread(deps, 'u-1')).toBe(2);
    failEmail = false;
    await sendNotification(deps, receipt);
    await sendNotification(deps, receipt);
    expect(sent.map((email) => email.subject)).toEqual(['Welcome to the shop', 'Receipt for order o-1']);
    expect(await countUnread(deps, 'u-1')).toBe(2);
  });

  it('stores a message already marked as emailed, in one write', async () => {
    const marked: string[] = [];
    const notifications = {
      ...store.store,
      markEmailed: async (recipient: string, id: string, at: string) => {
        marked.push(id);
        await store.store.markEmailed(recipient, id, at);
      },
    };
    await sendNotification({ ...deps, notifications }, registered);
    const [message] = (await listNotifications(deps, customer, { unread: false, limit: 20, audience: 'me' }))
      .items;
    expect((await store.store.get('u-1', message?.id ?? ''))?.emailedAt).toBe('2026-11-22T10:00:00.000Z');
    expect(marked).toEqual([]);
  });

  it('dates a message by its event, and lists later events first, however late they arrive', async () => {
    const earlier = PaymentCompleted.create(
      { orderId: 'o-1', userId: 'u-1', amount: money(100), chargeId: 'ch_1' },
      new Date('2026-11-20T08:00:00.000Z'),
    );
    const later = OrderCancelled.create(
      { orderId: 'o-2', userId: 'u-1', reason: 'OUT_OF_STOCK', total: money(1) },
      new Date('2026-11-21T08:00:00.000Z'),
    );
    await sendNotification(deps, later);
    await sendNotification(deps, earlier);
    await sendNotification(deps, earlier);
    const { items } = await listNotifications(deps, customer, { unread: false, limit: 20, audience: 'me' });
    expect(items.map((item) => [item.type, item.createdAt])).toEqual([
      ['ORDER_CANCELLED', '2026-11-21T08:00:00.000Z'],
      ['PAYMENT_RECEIPT', '2026-11-20T08:00:00.000Z'],
    ]);
    expect([...items.map((item) => item.id)].sort().reverse()).toEqual(items.map((item) => item.id));
  });

  it('says why an order was cancelled', async () => {
    await sendNotification(
      deps,
      OrderCancelled.create({ orderId: 'o-2', userId: 'u-1', reason: 'OUT_OF_STOCK', total: money(1) }),
    );
    const { items } = await listNotifications(deps, customer, { unread: false, limit: 20, audience: 'me' });
    expect(items[0]?.body).toContain('some items were out of stock');
  });

  it('alerts the admins about low stock, readable by admins only', async () => {
    await sendNotification(deps, StockLow.create({ sku: 'A1', available: 2, threshold: 5 }));
    expect(sent).toEqual([{ to: 'ops@example.com', subject: 'Stock of A1 is low' }]);
    const admin = { userId: 'admin-1', isAdmin: true };
    const alerts = await listNotifications(deps, admin, { unread: true, limit: 20, audience: 'admins' });
    expect(alerts.items.map((item) => item.type)).toEqual(['STOCK_LOW']);
    const asCustomer = await listNotifications(deps, customer, {
      unread: true,
      limit: 20,
      audience: 'admins',
    });
    expect(asCustomer.items).toEqual([]);
    await markRead(deps, admin, alerts.items[0]?.id ?? '');
    expect(
      (await listNotifications(deps, admin, { unread: true, limit: 20, audience: 'admins' })).items,
    ).toEqual([]);
  });
});

describe('reading notifications', () => {
  it('marks a message read, only the recipient’s own', async () => {
    await sendNotification(deps, registered);
    const [welcome] = (await listNotifications(deps, customer, { unread: false, limit: 20, audience: 'me' }))
      .items;
    await expect(markRead(deps, { userId: 'u-2', isAdmin: false }, welcome?.id ?? '')).rejects.toThrow(
      NotificationNotFoundError,
    );
    await markRead(deps, customer, welcome?.id ?? '');
    expect(await countUnread(deps, 'u-1')).toBe(0);
    expect(
      (await listNotifications(deps, customer, { unread: true, limit: 20, audience: 'me' })).items,
    ).toEqual([]);
  });
});
