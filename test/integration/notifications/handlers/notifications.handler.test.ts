import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryNotifications } from '../../../../functions/notifications/adapters/in-memory-notification-store.js';
import { countUnreadNotificationsHandler } from '../../../../functions/notifications/handlers/count-unread-notifications.handler.js';
import { listNotificationsHandler } from '../../../../functions/notifications/handlers/list-notifications.handler.js';
import { markNotificationReadHandler } from '../../../../functions/notifications/handlers/mark-notification-read.handler.js';
import { sendNotificationHandler } from '../../../../functions/notifications/handlers/send-notification.handler.js';
import type { NotificationsDependencies } from '../../../../functions/notifications/use-cases/ports.js';
import { hmacCursors } from '../../../../functions/shared/pagination.js';
import { UserRegistered } from '../../../../functions/users/contracts/events.js';
import { customerClaims, httpEvent, lambdaContext, parseResponse } from '../../../support/api-gateway.js';
import { asDelivered } from '../../../support/test-events.js';

let store: InMemoryNotifications;
let sent: string[];
let deps: () => NotificationsDependencies;

beforeEach(() => {
  store = new InMemoryNotifications();
  sent = [];
  const built: NotificationsDependencies = {
    notifications: store.store,
    email: { send: async ({ to }) => void sent.push(to) },
    cursors: hmacCursors('c'.repeat(32)),
    clock: () => new Date('2026-12-05T10:00:00.000Z'),
  };
  deps = () => built;
});

const registered = () => {
  const event = UserRegistered.create({ userId: 'user-1', email: 'ann@example.com', name: 'Ann' });
  return asDelivered(event);
};

const list = async (query: Record<string, string> = {}) =>
  parseResponse(
    await listNotificationsHandler(deps)(
      httpEvent('GET /notifications', { claims: customerClaims('user-1'), query }),
      lambdaContext(),
    ),
  );

const markRead = async (id: string, user: string) =>
  parseResponse(
    await markNotificationReadHandler(deps)(
      httpEvent('POST /notifications/{id}/read', {
        path: `/notifications/${id}/read`,
        pathParameters: { id },
        claims: customerClaims(user),
      }),
      lambdaContext(),
    ),
  );

describe('the notifications routes, contract and consumer through their middleware', () => {
  it('stores and emails one welcome however often UserRegistered arrives; the customer reads it and marks it read', async () => {
    const consume = sendNotificationHandler(deps);
    const event = registered();
    await consume(event, lambdaContext());
    await consume(event, lambdaContext());
    expect(sent).toEqual(['ann@example.com']);

    const listed = await list();
    expect(listed.status).toBe(200);
    const items = (listed.body as { items: { id: string; type: string; read: boolean }[] }).items;
    expect(items.map((item) => item.type)).toEqual(['WELCOME']);
    const count = countUnreadNotificationsHandler(deps);
    expect(await count({ request: { userId: 'user-1' } }, lambdaContext())).toEqual({ unread: 1 });

    const id = items[0]?.id ?? '';
    const read = await markRead(id, 'user-1');
    expect(read.status).toBeLessThan(300);
    expect(await count({ request: { userId: 'user-1' } }, lambdaContext())).toEqual({ unread: 0 });
  });

  it("answers 404 for another customer's notification and 400 for a forged cursor", async () => {
    await sendNotificationHandler(deps)(registered(), lambdaContext());
    const id = ((await list()).body as { items: { id: string }[] }).items[0]?.id ?? '';
    const foreign = await markRead(id, 'user-2');
    expect(foreign).toMatchObject({ status: 404, headers: { 'content-type': 'application/problem+json' } });
    expect((await list({ cursor: 'forged' })).status).toBe(400);
  });
});
