import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryShipments } from '../../../../functions/shipping/adapters/in-memory-shipment-store.js';
import {
  OrderNotShippableError,
  ShipmentMoveRefusedError,
  ShipmentNotFoundError,
  TrackingTimeInFutureError,
} from '../../../../functions/shipping/domain/errors.js';
import type { ShipOrderDependencies } from '../../../../functions/shipping/use-cases/ports.js';
import {
  anonymizeShipment,
  cancelShipment,
  getShipment,
  prepareShipment,
  recordTrackingEvent,
  shipOrder,
} from '../../../../functions/shipping/use-cases/shipping.js';

let shipments: InMemoryShipments;
let deps: ShipOrderDependencies;
/** What orders answers ClaimShipment with, per order; a yes unless a test says otherwise. */
let claims: Map<string, Awaited<ReturnType<ShipOrderDependencies['claims']['claim']>>>;
let asked: string[];

beforeEach(() => {
  shipments = new InMemoryShipments();
  claims = new Map();
  asked = [];
  deps = {
    shipments: shipments.store,
    clock: () => new Date('2026-11-22T10:00:00.000Z'),
    digits: () => '1234567890123456789012',
    claims: {
      claim: async (orderId) => {
        asked.push(orderId);
        return claims.get(orderId) ?? { claimed: true, status: 'CONFIRMED' };
      },
    },
  };
});

/** Where orders says a claimed order goes. */
const ADDRESS = { name: 'Ada', line1: '1 Difference Lane', city: 'London', postalCode: 'N1', country: 'GB' };

/** A two-line order whose second line leaves from two warehouses. */
const SHIP_FROM = [
  { sku: 'A1', warehouseId: 'main', quantity: 2 },
  { sku: 'B2', warehouseId: 'main', quantity: 1 },
  { sku: 'B2', warehouseId: 'east', quantity: 3 },
];

describe('shipping', () => {
  it('ships a confirmed order once, with a tracking number in the carrier’s shape and OrderShipped', async () => {
    await prepareShipment(deps, { orderId: 'o-1', userId: 'u-1', shipFrom: SHIP_FROM });
    await prepareShipment(deps, { orderId: 'o-1', userId: 'u-1', shipFrom: SHIP_FROM });
    expect(await shipOrder(deps, 'o-1')).toEqual({
      carrier: 'UPS',
      trackingNumber: '1Z1234567890123456',
      status: 'SHIPPED',
      shippedAt: '2026-11-22T10:00:00.000Z',
      warehouses: [
        {
          warehouseId: 'main',
          lines: [
            { sku: 'A1', quantity: 2 },
            { sku: 'B2', quantity: 1 },
          ],
        },
        { warehouseId: 'east', lines: [{ sku: 'B2', quantity: 3 }] },
      ],
      events: [],
    });
    await expect(shipOrder(deps, 'o-1')).rejects.toThrow(OrderNotShippableError);
    expect(shipments.outbox.map((event) => event.detail.data)).toEqual([
      expect.objectContaining({ orderId: 'o-1', userId: 'u-1', carrier: 'UPS' }),
    ]);
  });

  it('refuses an order never confirmed, or cancelled before it shipped', async () => {
    await expect(shipOrder(deps, 'o-9')).rejects.toThrow(OrderNotShippableError);
    await prepareShipment(deps, { orderId: 'o-2', userId: 'u-1', shipFrom: SHIP_FROM });
    expect(await cancelShipment(deps, 'o-2')).toBe('CANCELLED');
    await expect(shipOrder(deps, 'o-2', 'FEDEX')).rejects.toThrow(OrderNotShippableError);
  });

  it('does not ship an order whose customer asked to cancel it, and leaves the shipment ready', async () => {
    await prepareShipment(deps, { orderId: 'o-5', userId: 'u-1', shipFrom: SHIP_FROM });
    claims.set('o-5', { claimed: false, status: 'CANCELLATION_REQUESTED' });
    await expect(shipOrder(deps, 'o-5')).rejects.toThrow('asked to cancel');
    expect(asked).toEqual(['o-5']);
    expect(shipments.shipments.get('o-5')?.status).toBe('READY');
    expect(shipments.outbox).toEqual([]);
  });

  it('keeps a shipped order shipped when its cancellation arrives late', async () => {
    await prepareShipment(deps, { orderId: 'o-3', userId: 'u-1', shipFrom: SHIP_FROM });
    await shipOrder(deps, 'o-3', 'USPS');
    expect(await cancelShipment(deps, 'o-3')).toBe('NOT_READY');
    expect(shipments.shipments.get('o-3')?.status).toBe('SHIPPED');
  });

  it('shows the shipment to its customer once shipped, and to nobody else', async () => {
    await prepareShipment(deps, { orderId: 'o-4', userId: 'u-1', shipFrom: SHIP_FROM });
    await expect(getShipment(deps, { userId: 'u-1', isAdmin: false }, 'o-4')).rejects.toThrow(
      ShipmentNotFoundError,
    );
    await shipOrder(deps, 'o-4', 'DHL');
    expect(await getShipment(deps, { userId: 'u-1', isAdmin: false }, 'o-4')).toMatchObject({
      carrier: 'DHL',
      status: 'SHIPPED',
    });
    await expect(getShipment(deps, { userId: 'u-2', isAdmin: false }, 'o-4')).rejects.toThrow(
      ShipmentNotFoundError,
    );
  });

  it('shows a shipment to an admin, whoever’s it is', async () => {
    await prepareShipment(deps, { orderId: 'o-5', userId: 'u-1', shipFrom: SHIP_FROM });
    await shipOrder(deps, 'o-5');
    expect(await getShipment(deps, { userId: 'admin-1', isAdmin: true }, 'o-5')).toMatchObject({
      status: 'SHIPPED',
    });
  });

  it('ships to the address orders gave when it claimed the order', async () => {
    const address = ADDRESS;
    claims.set('o-6', { claimed: true, status: 'CONFIRMED', shippingAddress: address });
    await prepareShipment(deps, { orderId: 'o-6', userId: 'u-1', shipFrom: SHIP_FROM });
    expect((await shipOrder(deps, 'o-6')).shippingAddress).toEqual(address);
    expect(shipments.shipments.get('o-6')?.shippingAddress).toEqual(address);
  });
});

describe('tracking a parcel', () => {
  const shipped = async (orderId = 'o-1') => {
    await prepareShipment(deps, { orderId, userId: 'u-1', shipFrom: SHIP_FROM });
    await shipOrder(deps, orderId);
    shipments.outbox.length = 0;
  };

  it('records the carrier’s news with ShipmentStatusChanged, dated now unless the carrier says when', async () => {
    await shipped();
    const view = await recordTrackingEvent(deps, 'o-1', { status: 'IN_TRANSIT', location: 'Leeds hub' });
    expect(view).toMatchObject({
      status: 'IN_TRANSIT',
      events: [{ status: 'IN_TRANSIT', at: '2026-11-22T10:00:00.000Z', location: 'Leeds hub' }],
    });
    await recordTrackingEvent(deps, 'o-1', { status: 'DELIVERED', at: '2026-11-22T11:02:00+01:00' });
    expect(shipments.outbox.map((event) => event.detail.data)).toEqual([
      {
        orderId: 'o-1',
        userId: 'u-1',
        status: 'IN_TRANSIT',
        at: '2026-11-22T10:00:00.000Z',
        location: 'Leeds hub',
        carrier: 'UPS',
        trackingNumber: '1Z1234567890123456',
      },
      {
        orderId: 'o-1',
        userId: 'u-1',
        status: 'DELIVERED',
        at: '2026-11-22T10:02:00.000Z',
        carrier: 'UPS',
        trackingNumber: '1Z1234567890123456',
      },
    ]);
    expect((await getShipment(deps, { userId: 'u-1', isAdmin: false }, 'o-1')).status).toBe('DELIVERED');
  });

  it('refuses a move back, the same news twice, and news after the end (409), changing nothing', async () => {
    await shipped();
    await recordTrackingEvent(deps, 'o-1', { status: 'OUT_FOR_DELIVERY' });
    await expect(recordTrackingEvent(deps, 'o-1', { status: 'OUT_FOR_DELIVERY' })).rejects.toThrow(
      ShipmentMoveRefusedError,
    );
    await expect(recordTrackingEvent(deps, 'o-1', { status: 'IN_TRANSIT' })).rejects.toThrow(
      ShipmentMoveRefusedError,
    );
    await recordTrackingEvent(deps, 'o-1', { status: 'RETURNED' });
    await expect(recordTrackingEvent(deps, 'o-1', { status: 'DELIVERED' })).rejects.toThrow(
      ShipmentMoveRefusedError,
    );
    expect(shipments.outbox.map((event) => (event.detail.data as { status: string }).status)).toEqual([
      'OUT_FOR_DELIVERY',
      'RETURNED',
    ]);
  });

  it('refuses news dated in the future (400), and news of an order without a shipment (404) or not shipped (409)', async () => {
    await shipped();
    await expect(
      recordTrackingEvent(deps, 'o-1', { status: 'IN_TRANSIT', at: '2026-11-22T11:00:00.000Z' }),
    ).rejects.toThrow(TrackingTimeInFutureError);
    await expect(recordTrackingEvent(deps, 'nope', { status: 'IN_TRANSIT' })).rejects.toThrow(
      ShipmentNotFoundError,
    );
    await prepareShipment(deps, { orderId: 'o-2', userId: 'u-1', shipFrom: SHIP_FROM });
    await expect(recordTrackingEvent(deps, 'o-2', { status: 'IN_TRANSIT' })).rejects.toThrow(
      ShipmentMoveRefusedError,
    );
    expect(shipments.outbox).toEqual([]);
  });
});

describe('a deleted account’s shipments', () => {
  it('lose their address as the order did (the country kept), again harmlessly', async () => {
    const address = ADDRESS;
    claims.set('o-1', { claimed: true, status: 'CONFIRMED', shippingAddress: address });
    await prepareShipment(deps, { orderId: 'o-1', userId: 'u-1', shipFrom: SHIP_FROM });
    await shipOrder(deps, 'o-1');
    await anonymizeShipment(deps, 'o-1');
    await anonymizeShipment(deps, 'o-1');
    await anonymizeShipment(deps, 'o-unknown');
    expect(shipments.shipments.get('o-1')?.shippingAddress).toEqual({
      name: '(deleted)',
      line1: '(deleted)',
      city: '(deleted)',
      postalCode: '(deleted)',
      country: 'GB',
    });
    expect(shipments.shipments.get('o-1')?.status).toBe('SHIPPED');
  });
});
