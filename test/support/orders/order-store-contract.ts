import { describe, expect, it, vi } from 'vitest';
import { OrderPlaced } from '../../../functions/orders/contracts/events.js';
import type { HistoryEntry, Order } from '../../../functions/orders/domain/order.js';
import type { OrderStore } from '../../../functions/orders/use-cases/ports.js';
import { money } from '../../../functions/shared/money.js';
import { scaled } from '../time-scale.js';

/** A PENDING order of one line, as placed at `createdAt`. */
export const order = (orderId: string, userId: string, createdAt: string): Order => ({
  orderId,
  userId,
  status: 'PENDING',
  items: [{ sku: 'A1', name: 'A one', quantity: 2, unitPrice: money(500) }],
  total: money(1000),
  shippingAddress: { name: 'N', line1: 'L', city: 'C', postalCode: 'P', country: 'GB' },
  paymentToken: 'tok_visa',
  requestFingerprint: 'f-1',
  createdAt,
  updatedAt: createdAt,
});

const entry = (eventId: string, at: string, type = 'InventoryReserved'): HistoryEntry => ({
  eventId,
  type,
  at,
  detail: { lines: [{ sku: 'A1', quantity: 2 }] },
});

const NOW = new Date('2026-11-22T10:00:00.000Z');
const DUE = '2026-11-22T10:07:00.000Z';

/** An index follows its table within a moment: what it shows is awaited, briefly. */
const eventually = (check: () => Promise<void>) =>
  vi.waitFor(check, { timeout: scaled(5_000), interval: 50 });

/** o-1, o-2 and o-3 of u-1, an hour apart, and x-1 of u-2 after them. */
const withThreeOrdersOfU1 = async (store: OrderStore): Promise<OrderStore> => {
  for (const [id, at] of [
    ['o-1', '2026-11-22T10:00:00.000Z'],
    ['o-2', '2026-11-22T11:00:00.000Z'],
    ['o-3', '2026-11-22T12:00:00.000Z'],
  ] as const)
    await store.place(order(id, 'u-1', at), [], []);
  await store.place(order('x-1', 'u-2', '2026-11-22T13:00:00.000Z'), [], []);
  return store;
};

/** What every order store promises; the in-memory twin and the DynamoDB adapter both run it. */
export const orderStoreContract = (name: string, fresh: () => Promise<OrderStore>) => {
  describe(name, () => {
    it('places an order with its timeline, and reads them back', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      const event = OrderPlaced.create({
        orderId: 'o-1',
        userId: 'u-1',
        items: [...placed.items],
        total: placed.total,
        fromCart: false,
      });
      expect(await store.place(placed, [event], [entry('e-0', placed.createdAt, 'OrderPlaced')])).toEqual({
        placed: true,
      });
      expect(await store.get('o-1')).toEqual(placed);
      expect((await store.history('o-1')).map((item) => item.type)).toEqual(['OrderPlaced']);
    });

    it('creates nothing when an order with the id exists, and answers with that order', async () => {
      const store = await fresh();
      const first = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(first, [], [entry('e-0', first.createdAt, 'OrderPlaced')]);
      const again = { ...order('o-1', 'u-1', '2026-11-22T10:00:01.000Z'), requestFingerprint: 'f-2' };
      expect(await store.place(again, [], [entry('e-1', again.createdAt, 'OrderPlaced')])).toEqual({
        placed: false,
        existing: first,
      });
      expect(await store.get('o-1')).toEqual(first);
      expect((await store.history('o-1')).map((item) => item.eventId)).toEqual(['e-0']);
    });

    it('lists a customer’s orders newest first, a page at a time, and nobody else’s', async () => {
      const store = await withThreeOrdersOfU1(await fresh());
      const first = await store.listByCustomer('u-1', { limit: 2 });
      expect(first.items.map((item) => item.orderId)).toEqual(['o-3', 'o-2']);
      expect(first.next).toBeDefined();
      const second = await store.listByCustomer('u-1', {
        limit: 2,
        ...(first.next ? { after: first.next } : {}),
      });
      expect(second.items.map((item) => item.orderId)).toEqual(['o-1']);
      expect(second.next).toBeUndefined();
    });

    it('names a customer’s newest orders and reads their statuses', async () => {
      const store = await withThreeOrdersOfU1(await fresh());
      await store.transition(
        { ...order('o-2', 'u-1', '2026-11-22T11:00:00.000Z'), status: 'CONFIRMED' },
        'PENDING',
        [],
        [],
      );
      expect(await store.newestOrderIds('u-1', 2)).toEqual(['o-3', 'o-2']);
      expect(await store.newestOrderIds('u-3', 2)).toEqual([]);
      expect(await store.statuses(['o-1', 'o-2', 'o-9'])).toEqual(
        new Map([
          ['o-1', 'PENDING'],
          ['o-2', 'CONFIRMED'],
        ]),
      );
    });

    it('lists each order whole and as it is now, though its index keeps only the keys', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      const confirmed: Order = { ...placed, status: 'CONFIRMED', updatedAt: '2026-11-22T10:00:05.000Z' };
      await store.transition(confirmed, 'PENDING', [], []);
      expect((await store.listByCustomer('u-1', { limit: 10 })).items).toEqual([
        { ...confirmed, revision: 1 },
      ]);
    });

    it('moves an order only from the status it expects, with its timeline entries', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      const confirmed: Order = { ...placed, status: 'CONFIRMED', updatedAt: '2026-11-22T10:00:05.000Z' };
      expect(
        await store.transition(
          confirmed,
          'PENDING',
          [],
          [entry('e-9', confirmed.updatedAt, 'OrderConfirmed')],
        ),
      ).toBe(true);
      expect(await store.transition({ ...placed, status: 'CANCELLED' }, 'PENDING', [], [])).toBe(false);
      expect((await store.get('o-1'))?.status).toBe('CONFIRMED');
      expect((await store.history('o-1')).map((item) => item.type)).toEqual(['OrderConfirmed']);
    });

    it('marks a cancellation request once, and only on a confirmed order', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      expect(await store.requestCancellation('o-1', NOW.toISOString(), DUE)).toBe(false);
      await store.transition({ ...placed, status: 'CONFIRMED' }, 'PENDING', [], []);
      expect(await store.requestCancellation('o-1', NOW.toISOString(), DUE)).toBe(true);
      expect(await store.requestCancellation('o-1', NOW.toISOString(), DUE)).toBe(false);
      expect(await store.get('o-1')).toMatchObject({ cancelRequestedAt: NOW.toISOString(), dueAt: DUE });
    });

    it('abandons a PENDING order once; an abandoned order is never confirmed, and is cancelled as it was', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      expect(await store.abandon('o-1', NOW.toISOString())).toBe(true);
      expect(await store.abandon('o-1', NOW.toISOString())).toBe(false);
      // A confirmation that read the order before it was abandoned loses.
      expect(await store.transition({ ...placed, status: 'CONFIRMED' }, 'PENDING', [], [])).toBe(false);
      const abandoned = { ...placed, abandonedAt: NOW.toISOString(), revision: 1 };
      expect(await store.get('o-1')).toEqual(abandoned);
      expect(
        await store.transition(
          { ...abandoned, status: 'NEEDS_ATTENTION', abandonedAt: '2026-11-22T11:00:00.000Z' },
          'PENDING',
          [],
          [],
        ),
      ).toBe(false);
      expect(await store.transition({ ...abandoned, status: 'CANCELLED' }, 'PENDING', [], [])).toBe(true);
      expect(await store.abandon('o-1', NOW.toISOString())).toBe(false);
    });

    it('lists the orders overdue for their outcome, longest overdue first, until they are decided', async () => {
      const store = await fresh();
      const due = (orderId: string, dueAt: string): Order => ({
        ...order(orderId, 'u-1', '2026-11-22T09:00:00.000Z'),
        dueAt,
      });
      await store.place(due('late', '2026-11-22T09:59:00.000Z'), [], []);
      await store.place(due('later', '2026-11-22T09:58:00.000Z'), [], []);
      await store.place(due('not-yet', '2026-11-22T10:01:00.000Z'), [], []);
      await store.place(order('none', 'u-1', '2026-11-22T09:00:00.000Z'), [], []);
      await eventually(async () => expect(await store.overdueOrderIds(NOW, 10)).toEqual(['later', 'late']));
      expect(await store.reschedule('late', '2026-11-22T09:59:00.000Z', { dueAt: DUE, stalls: 1 })).toBe(
        true,
      );
      expect(await store.reschedule('late', '2026-11-22T09:59:00.000Z', { dueAt: DUE, stalls: 1 })).toBe(
        false,
      );
      expect(await store.get('late')).toMatchObject({ dueAt: DUE, stalls: 1 });
      const { dueAt: _due, ...decided } = due('later', '2026-11-22T09:58:00.000Z');
      await store.transition({ ...decided, status: 'CONFIRMED' }, 'PENDING', [], []);
      await eventually(async () => expect(await store.overdueOrderIds(NOW, 10)).toEqual([]));
      expect(await store.get('later')).toEqual({ ...decided, status: 'CONFIRMED', revision: 1 });
    });

    it('claims a confirmed order for shipment once; a claimed order cannot be cancelled, nor a cancelled one claimed', async () => {
      const store = await fresh();
      const first = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      const second = order('o-2', 'u-1', '2026-11-22T10:00:01.000Z');
      await store.place(first, [], []);
      await store.place(second, [], []);
      expect(await store.claimShipment('o-1', NOW.toISOString(), (await store.get('o-1'))?.revision)).toBe(
        false,
      );
      await store.transition({ ...first, status: 'CONFIRMED' }, 'PENDING', [], []);
      await store.transition({ ...second, status: 'CONFIRMED' }, 'PENDING', [], []);
      expect(await store.claimShipment('o-1', NOW.toISOString(), (await store.get('o-1'))?.revision)).toBe(
        true,
      );
      expect(await store.claimShipment('o-1', NOW.toISOString(), (await store.get('o-1'))?.revision)).toBe(
        false,
      );
      expect(await store.requestCancellation('o-1', NOW.toISOString(), DUE)).toBe(false);
      expect((await store.get('o-1'))?.shipmentClaimedAt).toBe(NOW.toISOString());
      expect(await store.requestCancellation('o-2', NOW.toISOString(), DUE)).toBe(true);
      expect(await store.claimShipment('o-2', NOW.toISOString(), (await store.get('o-2'))?.revision)).toBe(
        false,
      );
    });

    it('merges the order’s own changes with the events of other services, oldest first', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], [entry('e-0', placed.createdAt, 'OrderPlaced')]);
      await store.recordHistory('o-1', entry('e-2', '2026-11-22T10:00:02.000Z', 'PaymentCompleted'));
      await store.recordHistory('o-1', entry('e-1', '2026-11-22T10:00:01.000Z'));
      const confirmed: Order = { ...placed, status: 'CONFIRMED', updatedAt: '2026-11-22T10:00:03.000Z' };
      await store.transition(confirmed, 'PENDING', [], [entry('e-3', confirmed.updatedAt, 'OrderConfirmed')]);
      const shipped: Order = {
        ...confirmed,
        status: 'SHIPPED',
        updatedAt: '2026-11-22T10:00:04.000Z',
        revision: 1,
      };
      await store.transition(shipped, 'CONFIRMED', [], [entry('e-4', shipped.updatedAt, 'OrderShipped')]);
      expect((await store.history('o-1')).map((item) => item.type)).toEqual([
        'OrderPlaced',
        'InventoryReserved',
        'PaymentCompleted',
        'OrderConfirmed',
        'OrderShipped',
      ]);
      expect(await store.get('o-1')).toEqual({ ...shipped, revision: 2 });
    });

    it('replaces the order whole: what the next order leaves out is gone', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      const cancelled: Order = { ...placed, status: 'CANCELLED', cancellationReason: 'OUT_OF_STOCK' };
      await store.transition(cancelled, 'PENDING', [], []);
      expect(await store.get('o-1')).toEqual({ ...cancelled, revision: 1 });
      const { cancellationReason: _dropped, ...confirmed } = {
        ...cancelled,
        status: 'CONFIRMED' as const,
        revision: 1,
      };
      await store.transition(confirmed, 'CANCELLED', [], []);
      expect(await store.get('o-1')).toEqual({ ...confirmed, revision: 2 });
      // An optional attribute given as undefined is left out just the same.
      const shipped: Order = { ...confirmed, status: 'SHIPPED', shipmentClaimedAt: undefined, revision: 2 };
      await store.transition(shipped, 'CONFIRMED', [], []);
      expect(await store.get('o-1')).toEqual({ ...confirmed, status: 'SHIPPED', revision: 3 });
    });

    it('keeps the timeline oldest first and records an event once however often it arrives', async () => {
      const store = await fresh();
      await store.recordHistory('o-1', entry('e-2', '2026-11-22T10:00:02.000Z', 'PaymentCompleted'));
      await store.recordHistory('o-1', entry('e-1', '2026-11-22T10:00:01.000Z'));
      await store.recordHistory('o-1', entry('e-2', '2026-11-22T10:00:02.000Z', 'PaymentCompleted'));
      expect((await store.history('o-1')).map((item) => item.eventId)).toEqual(['e-1', 'e-2']);
    });

    it('reads an event recorded both in the order’s timeline and as an entry of its own once', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      const shipped = entry('e-1', '2026-11-22T10:00:01.000Z', 'OrderShipped');
      await store.place(placed, [], [shipped]);
      await store.recordHistory('o-1', shipped);
      expect((await store.history('o-1')).map((item) => item.eventId)).toEqual(['e-1']);
    });

    it('writes a change only over the revision it was decided on: nothing written since is undone', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      const moved = { ...placed, shippingAddress: { ...placed.shippingAddress, line1: 'New street 1' } };
      await store.changeAddress(moved, [], []);
      // A confirmation decided on the read before the address changed loses, and is decided again.
      expect(await store.transition({ ...placed, status: 'CONFIRMED' }, 'PENDING', [], [])).toBe(false);
      const fresh1 = await store.get('o-1');
      if (!fresh1) throw new Error('the order is gone');
      expect(await store.transition({ ...fresh1, status: 'CONFIRMED' }, 'PENDING', [], [])).toBe(true);
      expect(await store.get('o-1')).toMatchObject({
        status: 'CONFIRMED',
        shippingAddress: moved.shippingAddress,
        revision: 2,
      });
    });

    it('refuses a claim for shipment when the order changed since it was read', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      const confirmed = { ...placed, status: 'CONFIRMED' as const, updatedAt: '2026-11-22T10:00:01.000Z' };
      await store.transition(confirmed, 'PENDING', [], []);
      const read = await store.get('o-1');
      // An address changed within the same millisecond as the read: only the revision tells.
      const moved = {
        ...confirmed,
        shippingAddress: { ...confirmed.shippingAddress, line1: 'New street 1' },
      };
      await store.changeAddress(moved, [], []);
      expect(await store.claimShipment('o-1', NOW.toISOString(), read?.revision)).toBe(false);
      expect(await store.claimShipment('o-1', NOW.toISOString(), (await store.get('o-1'))?.revision)).toBe(
        true,
      );
    });

    it('changes the address of an order waiting to ship, with its timeline entry; not once it is claimed', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      const moved = {
        ...placed,
        shippingAddress: { ...placed.shippingAddress, line1: 'New street 1' },
        updatedAt: '2026-11-22T10:00:05.000Z',
      };
      const changed = entry('e-1', moved.updatedAt, 'OrderAddressChanged');
      expect(await store.changeAddress(moved, [], [changed])).toBe(true);
      expect(await store.get('o-1')).toEqual({ ...moved, revision: 1 });
      expect((await store.history('o-1')).map((item) => item.type)).toEqual(['OrderAddressChanged']);
      const confirmed = { ...moved, status: 'CONFIRMED' as const, revision: 1 };
      await store.transition(confirmed, 'PENDING', [], []);
      expect(await store.claimShipment('o-1', NOW.toISOString(), (await store.get('o-1'))?.revision)).toBe(
        true,
      );
      const again = { ...confirmed, shippingAddress: placed.shippingAddress, updatedAt: NOW.toISOString() };
      expect(
        await store.changeAddress(again, [], [entry('e-2', NOW.toISOString(), 'OrderAddressChanged')]),
      ).toBe(false);
      expect((await store.get('o-1'))?.shippingAddress).toEqual(moved.shippingAddress);
    });

    it('refuses an address change while a cancellation is asked for or once the order is given up on', async () => {
      const store = await fresh();
      const a = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      const b = order('o-2', 'u-1', '2026-11-22T10:00:01.000Z');
      await store.place(a, [], []);
      await store.place(b, [], []);
      await store.transition({ ...a, status: 'CONFIRMED' }, 'PENDING', [], []);
      await store.requestCancellation('o-1', NOW.toISOString(), DUE);
      await store.abandon('o-2', NOW.toISOString());
      for (const placed of [a, b])
        expect(await store.changeAddress({ ...placed, updatedAt: NOW.toISOString() }, [], [])).toBe(false);
    });

    it('marks a parcel returned once, only for an order on its way, and its cancellation due', async () => {
      const store = await fresh();
      const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');
      await store.place(placed, [], []);
      expect(await store.markReturned('o-1', NOW.toISOString(), DUE)).toBe(false);
      const confirmed = { ...placed, status: 'CONFIRMED' as const };
      await store.transition(confirmed, 'PENDING', [], []);
      expect(await store.markReturned('o-1', NOW.toISOString(), DUE)).toBe(false);
      await store.claimShipment('o-1', NOW.toISOString(), (await store.get('o-1'))?.revision);
      expect(await store.markReturned('o-1', NOW.toISOString(), DUE)).toBe(true);
      expect(await store.markReturned('o-1', NOW.toISOString(), DUE)).toBe(false);
      expect(await store.get('o-1')).toMatchObject({
        returnedAt: NOW.toISOString(),
        cancelRequestedAt: NOW.toISOString(),
        dueAt: DUE,
      });
      await eventually(async () =>
        expect(await store.overdueOrderIds(new Date('2026-11-22T11:00:00.000Z'), 10)).toEqual(['o-1']),
      );
    });

    it('lists every customer’s orders by status, newest first, a page at a time, as they are now', async () => {
      const store = await withThreeOrdersOfU1(await fresh());
      for (const id of ['o-1', 'x-1']) {
        const placed = await store.get(id);
        if (placed) await store.transition({ ...placed, status: 'CONFIRMED' }, 'PENDING', [], []);
      }
      await eventually(async () => {
        const confirmed = await store.listByStatus(['CONFIRMED'], { limit: 1 });
        expect(confirmed.items.map((o) => o.orderId)).toEqual(['x-1']);
        expect(confirmed.next).toBeDefined();
        const rest = await store.listByStatus(['CONFIRMED'], { limit: 1, before: confirmed.next });
        expect(rest.items.map((o) => [o.orderId, o.status])).toEqual([['o-1', 'CONFIRMED']]);
        expect(rest.next).toBeUndefined();
        const all = await store.listByStatus(['PENDING', 'CONFIRMED'], { limit: 10 });
        expect(all.items.map((o) => o.orderId)).toEqual(['x-1', 'o-3', 'o-2', 'o-1']);
        expect(all.next).toBeUndefined();
        expect((await store.listByStatus(['PENDING'], { limit: 10 })).items.map((o) => o.orderId)).toEqual([
          'o-3',
          'o-2',
        ]);
      });
    });
  });
};
