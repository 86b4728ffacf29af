import { beforeEach, describe, expect, it } from 'vitest';
import { ProductCreated } from '../../../../functions/catalog/contracts/events.js';
import { InMemoryInventory } from '../../../../functions/inventory/adapters/in-memory-inventory-store.js';
import { createStockItemHandler } from '../../../../functions/inventory/handlers/create-stock-item.handler.js';
import { getStockHandler } from '../../../../functions/inventory/handlers/get-stock.handler.js';
import { setStockHandler } from '../../../../functions/inventory/handlers/set-stock.handler.js';
import type { SetStockDependencies } from '../../../../functions/inventory/use-cases/ports.js';
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
