import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoOrderStore } from '../../../../functions/orders/adapters/dynamodb-order-store.js';
import { OrdersTable } from '../../../../functions/orders/adapters/orders-table.js';
import {
  OrderAddressChanged,
  OrderConfirmed,
  OrderPlaced,
} from '../../../../functions/orders/contracts/events.js';
import { historyEntryOf } from '../../../../functions/orders/use-cases/history.js';
import { eventsFromRecord } from '../../../../functions/shared/outbox/outbox.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { order, orderStoreContract } from '../../../support/orders/order-store-contract.js';

orderStoreContract('DynamoDB order store', async () => {
  const db = dynamoDbLocalClient();
  return dynamoOrderStore(db, await createTable(db, OrdersTable));
});

describe('DynamoDB order store, as the outbox relay sees it', () => {
  const placed = order('o-1', 'u-1', '2026-11-22T10:00:00.000Z');

  it('carries each change’s events in the order item: its stream records bring each event once', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, OrdersTable);
    const store = dynamoOrderStore(db, tableName);
    const image = async () => {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: { pk: 'ORDER#o-1', sk: 'ORDER' }, ConsistentRead: true }),
      );
      return marshall(Item ?? {});
    };
    const placedEvent = OrderPlaced.create({
      orderId: 'o-1',
      userId: 'u-1',
      items: [...placed.items],
      total: placed.total,
      fromCart: false,
    });
    await store.place(placed, [placedEvent], [historyEntryOf(placedEvent)]);
    const afterPlace = await image();
    expect(eventsFromRecord(afterPlace)).toEqual([placedEvent]);

    const confirmedEvent = OrderConfirmed.create({
      orderId: 'o-1',
      userId: 'u-1',
      items: [...placed.items],
      total: placed.total,
    });
    await store.transition({ ...placed, status: 'CONFIRMED' }, 'PENDING', [confirmedEvent], []);
    const afterConfirm = await image();
    expect(eventsFromRecord(afterConfirm, afterPlace)).toEqual([confirmedEvent]);

    await store.claimShipment('o-1', '2026-11-22T10:01:00.000Z', 1);
    const afterClaim = await image();
    expect(eventsFromRecord(afterClaim, afterConfirm)).toEqual([]);
    expect(afterClaim.outboxEvents).toBeUndefined();
  });

  it('keeps the order’s lines and total once: its own timeline entries take them from the order', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, OrdersTable);
    const store = dynamoOrderStore(db, tableName);
    const threeLines = {
      ...placed,
      items: ['A1', 'B2', 'C3'].map((sku) => ({
        sku,
        name: `The product called ${sku}`,
        quantity: 1,
        unitPrice: placed.total,
      })),
    };
    const placedEvent = OrderPlaced.create(
      {
        orderId: 'o-1',
        userId: 'u-1',
        items: [...threeLines.items],
        total: threeLines.total,
        fromCart: true,
      },
      new Date('2026-11-22T10:00:00.000Z'),
    );
    const confirmedEvent = OrderConfirmed.create(
      { orderId: 'o-1', userId: 'u-1', items: [...threeLines.items], total: threeLines.total },
      new Date('2026-11-22T10:00:01.000Z'),
    );
    await store.place(threeLines, [placedEvent], [historyEntryOf(placedEvent)]);
    await store.transition(
      { ...threeLines, status: 'CONFIRMED' },
      'PENDING',
      [confirmedEvent],
      [historyEntryOf(confirmedEvent)],
    );
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'ORDER#o-1', sk: 'ORDER' }, ConsistentRead: true }),
    );
    expect(Item?.timeline).toEqual([
      expect.objectContaining({ detail: { fromCart: true }, fromOrder: ['items', 'total'] }),
      expect.objectContaining({ fromOrder: ['items', 'total'] }),
    ]);
    // No empty detail is stored: the entry takes it from the order.
    expect(Item?.timeline?.[1]).not.toHaveProperty('detail');
    expect(await store.history('o-1')).toEqual([historyEntryOf(placedEvent), historyEntryOf(confirmedEvent)]);
  });

  it('stores an entry whose event has no facts but ids without an empty map (an address change)', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, OrdersTable);
    const store = dynamoOrderStore(db, tableName);
    await store.place(placed, [], []);
    const changed = OrderAddressChanged.create({ orderId: 'o-1', userId: 'u-1' });
    const moved = { ...placed, shippingAddress: { ...placed.shippingAddress, line1: 'New street 1' } };
    expect(await store.changeAddress(moved, [changed], [historyEntryOf(changed)])).toBe(true);
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: 'ORDER#o-1', sk: 'ORDER' }, ConsistentRead: true }),
    );
    expect(Item?.timeline?.[0]).not.toHaveProperty('detail');
    expect(eventsFromRecord(marshall(Item ?? {}))).toEqual([changed]);
    expect(await store.history('o-1')).toEqual([historyEntryOf(changed)]);
  });
});
