import { beforeEach, describe, expect, it } from 'vitest';
import { OrderConfirmed } from '../../../../functions/orders/contracts/events.js';
import { money } from '../../../../functions/shared/money.js';
import { InMemoryShipments } from '../../../../functions/shipping/adapters/in-memory-shipment-store.js';
import { getShipmentHandler } from '../../../../functions/shipping/handlers/get-shipment.handler.js';
import { prepareShipmentHandler } from '../../../../functions/shipping/handlers/prepare-shipment.handler.js';
import { shipOrderHandler } from '../../../../functions/shipping/handlers/ship-order.handler.js';
import type { ShipOrderDependencies } from '../../../../functions/shipping/use-cases/ports.js';
import {
  adminClaims,
  customerClaims,
  httpEvent,
  lambdaContext,
  parseResponse,
} from '../../../support/api-gateway.js';
import { asDelivered } from '../../../support/test-events.js';

const orderId = '0f8fad5b-d9cb-469f-a165-70867728950e';

let shipments: InMemoryShipments;
let claims: Map<string, { claimed: boolean; status: string }>;
let deps: () => ShipOrderDependencies;

beforeEach(() => {
  shipments = new InMemoryShipments();
  claims = new Map();
  const built: ShipOrderDependencies = {
    shipments: shipments.store,
    clock: () => new Date('2026-12-05T10:00:00.000Z'),
    digits: () => '1234567890123456789012',
    claims: { claim: async (id) => claims.get(id) ?? { claimed: true, status: 'CONFIRMED' } },
  };
  deps = () => built;
});

const orderConfirmed = () => {
  const event = OrderConfirmed.create({
    orderId,
    userId: 'user-1',
    items: [{ sku: 'A1', name: 'Apple', quantity: 1, unitPrice: money(500) }],
    total: money(500),
  });
  return asDelivered(event);
};

const ship = async (claimsOf: Record<string, string> = adminClaims()) =>
  parseResponse(
    await shipOrderHandler(deps)(
      httpEvent('POST /orders/{orderId}/ship', {
        path: `/orders/${orderId}/ship`,
        pathParameters: { orderId },
        claims: claimsOf,
        body: { carrier: 'DHL' },
      }),
      lambdaContext(),
    ),
  );

const shipmentOf = async (user: string) =>
  parseResponse(
    await getShipmentHandler(deps)(
      httpEvent('GET /orders/{orderId}/shipment', {
        path: `/orders/${orderId}/shipment`,
        pathParameters: { orderId },
        claims: customerClaims(user),
      }),
      lambdaContext(),
    ),
  );

describe('the shipping routes and consumer through their middleware', () => {
  it('prepares one shipment however often OrderConfirmed arrives; an admin ships it (202), its customer reads it', async () => {
    const prepare = prepareShipmentHandler(deps);
    await prepare(orderConfirmed(), lambdaContext());
    await prepare(orderConfirmed(), lambdaContext());
    expect(shipments.shipments.size).toBe(1);

    const shipped = await ship();
    expect(shipped).toMatchObject({ status: 202, body: { carrier: 'DHL', status: 'SHIPPED' } });
    expect(shipped.headers.location).toBe(`/orders/${orderId}/shipment`);
    expect(shipments.outbox.map((event) => event.detailType)).toEqual(['OrderShipped']);
    expect(await shipmentOf('user-1')).toMatchObject({ status: 200, body: { carrier: 'DHL' } });
    expect((await shipmentOf('user-2')).status).toBe(404);
  });

  it('refuses a customer (403) and an order orders will not release (409), shipping nothing', async () => {
    await prepareShipmentHandler(deps)(orderConfirmed(), lambdaContext());
    expect(await ship(customerClaims())).toMatchObject({
      status: 403,
      headers: { 'content-type': 'application/problem+json' },
    });
    claims.set(orderId, { claimed: false, status: 'CANCELLATION_REQUESTED' });
    expect(await ship()).toMatchObject({
      status: 409,
      headers: { 'content-type': 'application/problem+json' },
    });
    expect(shipments.outbox).toEqual([]);
  });
});
