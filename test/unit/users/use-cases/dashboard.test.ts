import { describe, expect, it } from 'vitest';
import { InMemoryUsers } from '../../../../functions/users/adapters/in-memory-users.js';
import { getDashboard } from '../../../../functions/users/use-cases/dashboard.js';

const withProfile = async () => {
  const users = new InMemoryUsers();
  await users.profileStore.create(
    {
      userId: 'u-1',
      email: 'ada@example.com',
      name: 'Ada',
      createdAt: '2026-11-22T10:00:00.000Z',
      updatedAt: '2026-11-22T10:00:00.000Z',
    },
    [],
  );
  return users.profileStore;
};

describe('getDashboard', () => {
  it('gives the profile, the newest 5 orders and the unread count, read in parallel', async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const dashboard = getDashboard(
      {
        profiles: await withProfile(),
        recentOrders: async (_userId, limit) => {
          started.push(`orders:${limit}`);
          await gate;
          return [{ orderId: 'o-1' }];
        },
        unreadNotifications: async () => {
          started.push('unread');
          await gate;
          return 3;
        },
      },
      'u-1',
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['orders:5', 'unread']);
    release();
    expect(await dashboard).toMatchObject({
      user: { userId: 'u-1', name: 'Ada' },
      recentOrders: [{ orderId: 'o-1' }],
      unreadNotifications: 3,
      unavailable: [],
    });
  });

  it('still answers when a part fails, marking that part unavailable', async () => {
    const dashboard = await getDashboard(
      {
        profiles: await withProfile(),
        recentOrders: async () => {
          throw new Error('orders are down');
        },
        unreadNotifications: async () => 0,
      },
      'u-1',
    );
    expect(dashboard).toMatchObject({
      recentOrders: null,
      unreadNotifications: 0,
      unavailable: ['recentOrders'],
    });
    expect(dashboard.user?.name).toBe('Ada');
  });
});
