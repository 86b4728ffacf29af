import { beforeEach, describe, expect, it } from 'vitest';
import { ProductCreated } from '../../../../functions/catalog/contracts/events.js';
import { InMemoryInventory } from '../../../../functions/inventory/adapters/in-memory-inventory-store.js';
import { CommitRefusals } from '../../../../functions/inventory/contracts/saga-tasks.js';
import { commitInventoryHandler } from '../../../../functions/inventory/handlers/commit-inventory.handler.js';
import { createStockItemHandler } from '../../../../functions/inventory/handlers/create-stock-item.handler.js';
import { createWarehouseHandler } from '../../../../functions/inventory/handlers/create-warehouse.handler.js';
import { getStockHandler } from '../../../../functions/inventory/handlers/get-stock.handler.js';
import { listWarehousesHandler } from '../../../../functions/inventory/handlers/list-warehouses.handler.js';
import { setStockHandler } from '../../../../functions/inventory/handlers/set-stock.handler.js';
import { setWarehouseStockHandler } from '../../../../functions/inventory/handlers/set-warehouse-stock.handler.js';
import type { SetStockDependencies } from '../../../../functions/inventory/use-cases/ports.js';
import { releaseInventory } from '../../../../functions/inventory/use-cases/release-inventory.js';
import { reserveInventory } from '../../../../functions/inventory/use-cases/reserve-inventory.js';
import { setStock } from '../../../../functions/inventory/use-cases/set-stock.js';
import { inMemoryInbox } from '../../../../functions/shared/events/inbox.js';
import { money } from '../../../../functions/shared/money.js';
import {
  adminClaims,
  customerClaims,
  httpEvent,
  lambdaContext,
  parseResponse,
} from '../../../support/api-gateway.js';
import { asDelivered } from '../../../support/test-events.js';

let inventory: InMemoryInventory;
let deps: () => SetStockDependencies;
/** The skus the catalog has. */
const CATALOG = new Set(['LAMP-1', 'NEW-1']);

beforeEach(() => {
  inventory = new InMemoryInventory();
  const built: SetStockDependencies = {
    store: inventory.store,
    clock: () => new Date('2026-11-22T10:00:00Z'),
    lowStockThreshold: 5,
    catalog: { has: async (sku) => CATALOG.has(sku) },
  };
  deps = () => built;
});

const productCreated = (sku: string) => {
  const event = ProductCreated.create({
    sku,
    name: 'Thing',
    description: '',
    category: 'home',
    price: money(100),
  });
  return asDelivered(event);
};

const stockRoute = (
  method: 'GET' | 'PUT',
  sku: string,
  options: Partial<Parameters<typeof httpEvent>[1]> = {},
) =>
  httpEvent(`${method} /inventory/{sku}`, {
    path: `/inventory/${sku}`,
    pathParameters: { sku },
    claims: adminClaims(),
    ...options,
  });

describe('the inventory routes and consumer through their middleware', () => {
  it('creates a stock item from ProductCreated once, however often it arrives', async () => {
    const consume = createStockItemHandler(deps, inMemoryInbox);
    const event = productCreated('LAMP-1');
    await consume(event, lambdaContext());
    await consume(event, lambdaContext());
    expect([...inventory.stock.keys()]).toEqual(['LAMP-1']);
    const read = parseResponse(await getStockHandler(deps)(stockRoute('GET', 'LAMP-1'), lambdaContext()));
    expect(read).toMatchObject({ status: 200, body: { sku: 'LAMP-1', available: 0, reserved: 0 } });
  });

  it('lets an admin set the stock, and only an admin', async () => {
    await createStockItemHandler(deps, inMemoryInbox)(productCreated('LAMP-1'), lambdaContext());
    const set = parseResponse(
      await setStockHandler(deps)(stockRoute('PUT', 'LAMP-1', { body: { available: 12 } }), lambdaContext()),
    );
    expect(set).toMatchObject({ status: 200, body: { available: 12 } });
    const refused = parseResponse(
      await setStockHandler(deps)(
        stockRoute('PUT', 'LAMP-1', { body: { available: 1 }, claims: customerClaims() }),
        lambdaContext(),
      ),
    );
    expect(refused.status).toBe(403);
    expect(inventory.stock.get('LAMP-1')?.available).toBe(12);
  });

  it('answers 404 for a sku without stock item and 400 for a negative level', async () => {
    expect(
      parseResponse(await getStockHandler(deps)(stockRoute('GET', 'NOPE'), lambdaContext())).status,
    ).toBe(404);
    const negative = parseResponse(
      await setStockHandler(deps)(stockRoute('PUT', 'NOPE', { body: { available: -1 } }), lambdaContext()),
    );
    expect(negative.status).toBe(400);
  });

  it('creates the stock item of a sku the catalog has before ProductCreated reaches inventory, which then changes nothing', async () => {
    const set = parseResponse(
      await setStockHandler(deps)(stockRoute('PUT', 'NEW-1', { body: { available: 7 } }), lambdaContext()),
    );
    expect(set).toMatchObject({ status: 200, body: { sku: 'NEW-1', available: 7, reserved: 0 } });
    await createStockItemHandler(deps, inMemoryInbox)(productCreated('NEW-1'), lambdaContext());
    expect(inventory.stock.get('NEW-1')?.available).toBe(7);
  });

  it('answers 404 to setting the stock of a sku the catalog lacks, and creates nothing', async () => {
    const response = parseResponse(
      await setStockHandler(deps)(stockRoute('PUT', 'GHOST-1', { body: { available: 7 } }), lambdaContext()),
    );
    expect(response).toMatchObject({
      status: 404,
      body: { type: expect.stringContaining('stock-item-not-found') },
    });
    expect(inventory.stock.has('GHOST-1')).toBe(false);
  });
});

describe('warehouses through their routes', () => {
  const warehousesRoute = (method: 'GET' | 'POST', options: Partial<Parameters<typeof httpEvent>[1]> = {}) =>
    httpEvent(`${method} /warehouses`, { claims: adminClaims(), ...options });
  const setIn = (sku: string, warehouseId: string, available: unknown) =>
    httpEvent('PUT /inventory/{sku}/warehouses/{warehouseId}', {
      path: `/inventory/${sku}/warehouses/${warehouseId}`,
      pathParameters: { sku, warehouseId },
      claims: adminClaims(),
      body: { available },
    });

  it('lists main, which always exists, then those an admin adds; an id taken is refused', async () => {
    const created = parseResponse(
      await createWarehouseHandler(deps)(
        warehousesRoute('POST', { body: { id: 'east', name: 'East', country: 'DE' } }),
        lambdaContext(),
      ),
    );
    expect(created).toMatchObject({ status: 201, body: { id: 'east', name: 'East', country: 'DE' } });
    for (const id of ['east', 'main']) {
      const again = parseResponse(
        await createWarehouseHandler(deps)(
          warehousesRoute('POST', { body: { id, name: 'Again', country: 'DE' } }),
          lambdaContext(),
        ),
      );
      expect(again.status).toBe(409);
    }
    const listed = parseResponse(await listWarehousesHandler(deps)(warehousesRoute('GET'), lambdaContext()));
    expect((listed.body as { items: { id: string }[] }).items.map((warehouse) => warehouse.id)).toEqual([
      'main',
      'east',
    ]);
  });

  it('refuses a bad warehouse: an id that cannot be one, a country that is not a code', async () => {
    for (const body of [
      { id: 'East Side', name: 'East', country: 'DE' },
      { id: 'east', name: 'East', country: 'Germany' },
    ]) {
      const response = parseResponse(
        await createWarehouseHandler(deps)(warehousesRoute('POST', { body }), lambdaContext()),
      );
      expect(response.status).toBe(400);
    }
    expect(inventory.warehouses.size).toBe(0);
  });

  it('sets stock per warehouse, with totals that are the sums; 404 for a warehouse nobody added', async () => {
    await createWarehouseHandler(deps)(
      warehousesRoute('POST', { body: { id: 'east', name: 'East', country: 'DE' } }),
      lambdaContext(),
    );
    await setStockHandler(deps)(stockRoute('PUT', 'LAMP-1', { body: { available: 3 } }), lambdaContext());
    const set = parseResponse(
      await setWarehouseStockHandler(deps)(setIn('LAMP-1', 'east', 4), lambdaContext()),
    );
    expect(set).toMatchObject({
      status: 200,
      body: {
        sku: 'LAMP-1',
        available: 7,
        reserved: 0,
        warehouses: [
          { warehouseId: 'main', available: 3, reserved: 0 },
          { warehouseId: 'east', available: 4, reserved: 0 },
        ],
      },
    });
    const unknown = parseResponse(
      await setWarehouseStockHandler(deps)(setIn('LAMP-1', 'west', 4), lambdaContext()),
    );
    expect(unknown).toMatchObject({
      status: 404,
      body: { type: expect.stringContaining('warehouse-not-found') },
    });
    expect(inventory.stock.get('LAMP-1')?.available).toBe(7);
  });
});

describe('the CommitInventory contract, which orders’ ConfirmOrder calls', () => {
  const commit = (event: unknown) => commitInventoryHandler(deps)(event, lambdaContext());
  const reserve = async (orderId: string) => {
    await setStock(deps(), 'LAMP-1', 5);
    await reserveInventory(deps(), {
      orderId,
      lines: [{ sku: 'LAMP-1', quantity: 2 }],
    });
  };

  it('sells the held units once and answers where they leave from, however often it is asked', async () => {
    await reserve('o-1');
    const answer = { outcome: 'COMMITTED', shipFrom: [{ sku: 'LAMP-1', warehouseId: 'main', quantity: 2 }] };
    expect(await commit({ correlationId: 'c-1', request: { orderId: 'o-1' } })).toEqual(answer);
    expect(await commit({ correlationId: 'c-1', request: { orderId: 'o-1' } })).toEqual(answer);
    expect(inventory.view('LAMP-1')).toMatchObject({ available: 3, reserved: 0 });
  });

  it('answers NOT_HELD, rather than failing, for units given back or never held, and sells nothing', async () => {
    await reserve('given-back');
    await releaseInventory(deps(), { orderId: 'given-back' });
    for (const orderId of ['given-back', 'never'])
      expect(await commit({ correlationId: 'c-1', request: { orderId } })).toEqual({ outcome: 'NOT_HELD' });
    expect(inventory.view('LAMP-1')).toMatchObject({ available: 5, reserved: 0 });
  });

  it('still runs as the saga step it was, for executions started before ConfirmOrder sold the units', async () => {
    await reserve('o-2');
    expect(await commit({ orderId: 'o-2', correlationId: 'c-2' })).toMatchObject({
      orderId: 'o-2',
      outcome: 'COMMITTED',
    });
    await expect(commit({ orderId: 'never', correlationId: 'c-3' })).rejects.toMatchObject({
      name: CommitRefusals.notHeld,
    });
  });
});
