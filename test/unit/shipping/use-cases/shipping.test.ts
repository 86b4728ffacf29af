import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryShipments } from '../../../../functions/shipping/adapters/in-memory-shipment-store.js';
import {
  OrderNotShippableError,
  ShipmentNotFoundError,
} from '../../../../functions/shipping/domain/errors.js';
import type { ShipOrderDependencies } from '../../../../functions/shipping/use-cases/ports.js';
import {
  cancelShipment,
  getShipment,
  prepareShipment,
  shipOrder,
} from '../../../../functions/shipping/use-cases/shipping.js';

let shipments: InMemoryShipments;
let deps: ShipOrderDependencies;
/** What orders answers ClaimShipment with, per order; a yes unless a test says otherwise. */
let claims: Map<string, { claimed: boolean; status: string }>;
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

describe('shipping', () => {
  it('ships a confirmed order once, with a tracking number in the carrier’s shape and OrderShipped', async () => {
    await prepareShipment(deps, { orderId: 'o-1', userId: 'u-1' });
    await prepareShipment(deps, { orderId: 'o-1', userId: 'u-1' });
    expect(await shipOrder(deps, 'o-1')).toEqual({
      carrier: 'UPS',
      trackingNumber: '1Z1234567890123456',
      status: 'SHIPPED',
      shippedAt: '2026-11-22T10:00:00.000Z',
      events: [],
    });
    await expect(shipOrder(deps, 'o-1')).rejects.toThrow(OrderNotShippableError);
    expect(shipments.outbox.map((event) => event.detail.data)).toEqual([
      expect.objectContaining({ orderId: 'o-1', userId: 'u-1', carrier: 'UPS' }),
    ]);
  });

  it('refuses an order never confirmed, or cancelled before it shipped', async () => {
    await expect(shipOrder(deps, 'o-9')).rejects.toThrow(OrderNotShippableError);
    await prepareShipment(deps, { orderId: 'o-2', userId: 'u-1' });
    expect(await cancelShipment(deps, 'o-2')).toBe('CANCELLED');
    await expect(shipOrder(deps, 'o-2', 'FEDEX')).rejects.toThrow(OrderNotShippableError);
  });

  it('does not ship an order whose customer asked to cancel it, and leaves the shipment ready', async () => {
    await prepareShipment(deps, { orderId: 'o-5', userId: 'u-1' });
    claims.set('o-5', { claimed: false, status: 'CANCELLATION_REQUESTED' });
    await expect(shipOrder(deps, 'o-5')).rejects.toThrow('asked to cancel');
    expect(asked).toEqual(['o-5']);
    expect(shipments.shipments.get('o-5')?.status).toBe('READY');
    expect(shipments.outbox).toEqual([]);
  });

  it('keeps a shipped order shipped when its cancellation arrives late', async () => {
    await prepareShipment(deps, { orderId: 'o-3', userId: 'u-1' });
    await shipOrder(deps, 'o-3', 'USPS');
    expect(await cancelShipment(deps, 'o-3')).toBe('NOT_READY');
    expect(shipments.shipments.get('o-3')?.status).toBe('SHIPPED');
  });

  it('shows the shipment to its customer once shipped, and to nobody else', async () => {
    await prepareShipment(deps, { orderId: 'o-4', userId: 'u-1' });
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
});
