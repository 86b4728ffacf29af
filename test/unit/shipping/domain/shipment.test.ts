import { describe, expect, it } from 'vitest';
import { ShipmentMoveRefusedError } from '../../../../functions/shipping/domain/errors.js';
import {
  MAX_DELIVERY_ATTEMPTS,
  type Shipment,
  withTrackingEvent,
} from '../../../../functions/shipping/domain/shipment.js';

const shipped: Shipment = {
  orderId: 'o-1',
  userId: 'u-1',
  status: 'SHIPPED',
  createdAt: '2026-11-22T09:00:00.000Z',
  carrier: 'UPS',
  trackingNumber: '1Z1',
  shippedAt: '2026-11-22T10:00:00.000Z',
};
const at = (minutes: number) =>
  new Date(Date.parse('2026-11-22T10:00:00.000Z') + minutes * 60_000).toISOString();

describe('a parcel’s journey', () => {
  it('moves forward and records each piece of news in order', () => {
    const inTransit = withTrackingEvent(shipped, { status: 'IN_TRANSIT', at: at(1), location: 'Leeds' });
    const out = withTrackingEvent(inTransit, { status: 'OUT_FOR_DELIVERY', at: at(2) });
    const delivered = withTrackingEvent(out, { status: 'DELIVERED', at: at(3) });
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.events?.map((event) => event.status)).toEqual([
      'IN_TRANSIT',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ]);
  });

  it.each([
    ['IN_TRANSIT', 'IN_TRANSIT'],
    ['OUT_FOR_DELIVERY', 'IN_TRANSIT'],
    ['DELIVERED', 'RETURNED'],
    ['RETURNED', 'DELIVERED'],
    ['DELIVERED', 'OUT_FOR_DELIVERY'],
  ] as const)('refuses %s → %s (409)', (from, to) => {
    const there = withTrackingEvent(shipped, { status: from, at: at(1) });
    expect(() => withTrackingEvent(there, { status: to, at: at(2) })).toThrow(ShipmentMoveRefusedError);
  });

  it('refuses news of a parcel that has not left, or whose order was cancelled before it did', () => {
    for (const status of ['READY', 'CANCELLED'] as const)
      expect(() => withTrackingEvent({ ...shipped, status }, { status: 'IN_TRANSIT', at: at(1) })).toThrow(
        'has not shipped',
      );
  });

  it('lets a failed delivery be tried again, a bounded number of times, then only delivered or returned', () => {
    let parcel = shipped;
    for (let attempt = 0; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) {
      parcel = withTrackingEvent(parcel, { status: 'OUT_FOR_DELIVERY', at: at(2 * attempt + 1) });
      parcel = withTrackingEvent(parcel, { status: 'DELIVERY_FAILED', at: at(2 * attempt + 2) });
    }
    expect(() => withTrackingEvent(parcel, { status: 'OUT_FOR_DELIVERY', at: at(10) })).toThrow('tried');
    expect(withTrackingEvent(parcel, { status: 'RETURNED', at: at(10) }).status).toBe('RETURNED');
  });

  it('refuses news dated before the parcel’s last', () => {
    const inTransit = withTrackingEvent(shipped, { status: 'IN_TRANSIT', at: at(5) });
    expect(() => withTrackingEvent(inTransit, { status: 'DELIVERED', at: at(4) })).toThrow('before');
    expect(() => withTrackingEvent(shipped, { status: 'DELIVERED', at: at(-1) })).toThrow('before');
  });
});
