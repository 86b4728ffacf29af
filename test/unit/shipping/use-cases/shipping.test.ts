import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryShipments } from '../../../../functions/shipping/adapters/in-memory-shipment-store.js';
import {
  OrderNotShippableError,
  ShipmentNotFoundError,
} from '../../../../functions/shipping/domain/errors.js';
import type { ShippingDependencies } from '../../../../functions/shipping/use-cases/ports.js';
import {
  cancelShipment,
  getShipment,
  prepareShipment,
  shipOrder,
} from '../../../../functions/shipping/use-cases/shipping.js';

let shipments: InMemoryShipments;
let deps: ShippingDependencies;

beforeEach(() => {
  shipments = new InMemoryShipments();
  deps = {
    shipments: shipments.store,
    clock: () => new Date('2026-11-22T10:00:00.000Z'),
    digits: () => '1234567890123456789012',
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

  it('keeps a shipped order shipped when its cancellation arrives late', async () => {
    await prepareShipment(deps, { orderId: 'o-3', userId: 'u-1' });
    await shipOrder(deps, 'o-3', 'USPS');
    expect(await cancelShipment(deps, 'o-3')).toBe('NOT_READY');
    expect(shipments.shipments.get('o-3')?.status).toBe('SHIPPED');
  });

  it('shows the shipment to its customer once shipped, and to nobody else', async () => {
    await prepareShipment(deps, { orderId: 'o-4', userId: 'u-1' });
    await expect(getShipment(deps, 'u-1', 'o-4')).rejects.toThrow(ShipmentNotFoundError);
    await shipOrder(deps, 'o-4', 'DHL');
    expect(await getShipment(deps, 'u-1', 'o-4')).toMatchObject({ carrier: 'DHL', status: 'SHIPPED' });
    await expect(getShipment(deps, 'u-2', 'o-4')).rejects.toThrow(ShipmentNotFoundError);
  });
});
