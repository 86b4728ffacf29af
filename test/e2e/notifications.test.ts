import { describe, expect, it } from 'vitest';
import { adminTokens, api, eventually, newCustomer, signUpConfirmed } from '../support/local-cloud-client.js';
import { placeOrder, productWithStock, settledOrder } from '../support/orders.js';

interface NotificationBody {
  id: string;
  type: string;
  subject: string;
  read: boolean;
}

const notificationsOf = async (token: string, query = '') =>
  ((await api(`/notifications${query}`, { token })).body as { items: NotificationBody[] }).items;

const typesOnceThere = (token: string, types: readonly string[]) =>
  eventually(async () => {
    const items = await notificationsOf(token);
    return types.every((type) => items.some((item) => item.type === type)) ? items : undefined;
  });

const signUp = async () => {
  const email = `notified-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'correct horse battery';
  await signUpConfirmed(email, password, 'Noor Notified');
  const login = await api('/auth/login', { method: 'POST', body: { email, password } });
  return (login.body as { accessToken: string }).accessToken;
};

describe('notifications on the local cloud', () => {
  it('welcomes a new customer, once', async () => {
    const token = await signUp();
    const items = await typesOnceThere(token, ['WELCOME']);
    expect(items.filter((item) => item.type === 'WELCOME')).toHaveLength(1);
    expect(items[0]).toMatchObject({ subject: 'Welcome to the shop', read: false });
  });

  it('tells the customer about a confirmed order and its receipt, and about a cancelled one', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const confirmed = await placeOrder(token, [{ sku, quantity: 1 }]);
    const declined = await placeOrder(token, [{ sku, quantity: 1 }], 'tok_decline');
    await settledOrder(token, confirmed.orderId);
    await settledOrder(token, declined.orderId);
    const items = await typesOnceThere(token, [
      'PAYMENT_RECEIPT',
      'ORDER_CONFIRMED',
      'PAYMENT_FAILED',
      'ORDER_CANCELLED',
    ]);
    expect(items.find((item) => item.type === 'ORDER_CANCELLED')?.subject).toContain(
      declined.orderId.slice(0, 8),
    );
  });

  it('sends tracking when the order ships, and lists unread ones and read marks', async () => {
    const sku = await productWithStock(3);
    const { AccessToken: token } = await newCustomer();
    const admin = (await adminTokens()).AccessToken;
    const { orderId } = await placeOrder(token, [{ sku, quantity: 1 }]);
    await settledOrder(token, orderId);
    await eventually(async () => {
      const answer = await api(`/orders/${orderId}/ship`, { method: 'POST', token: admin, body: {} });
      return answer.status === 202 ? true : undefined;
    });
    const items = await typesOnceThere(token, ['ORDER_SHIPPED', 'ORDER_CONFIRMED', 'PAYMENT_RECEIPT']);
    const shipped = items.find((item) => item.type === 'ORDER_SHIPPED');
    expect(shipped?.subject).toContain('has shipped');
    expect((await api(`/notifications/${shipped?.id}/read`, { method: 'POST', token })).status).toBe(204);
    const unread = await notificationsOf(token, '?unread=true');
    expect(unread.map((item) => item.id)).not.toContain(shipped?.id);
    expect(unread).toHaveLength(items.length - 1);
    const stranger = (await newCustomer()).AccessToken;
    expect(
      (await api(`/notifications/${unread[0]?.id}/read`, { method: 'POST', token: stranger })).status,
    ).toBe(404);
  });

  it('gives the dashboard: profile, the newest 5 orders and the unread count, in one call', async () => {
    const sku = await productWithStock(10);
    const token = await signUp();
    const placed = [];
    // Each settled before the next: a customer may have at most 5 orders waiting at once.
    for (let index = 0; index < 6; index++) {
      placed.push(await placeOrder(token, [{ sku, quantity: 1 }]));
      await settledOrder(token, placed[index]?.orderId ?? '');
    }
    const unread = (await typesOnceThere(token, ['WELCOME', 'ORDER_CONFIRMED'])).length;
    const dashboard = await eventually(async () => {
      const body = (await api('/me/dashboard', { token })).body as {
        user: { name: string };
        recentOrders: { orderId: string }[];
        unreadNotifications: number;
        unavailable: string[];
      };
      const now = (await notificationsOf(token, '?unread=true')).length;
      return body.unreadNotifications === now && now >= unread ? body : undefined;
    });
    expect(dashboard.user.name).toBe('Noor Notified');
    expect(dashboard.unavailable).toEqual([]);
    expect(dashboard.recentOrders.map((order) => order.orderId)).toEqual(
      placed
        .slice(-5)
        .reverse()
        .map((order) => order.orderId),
    );
  });
});
