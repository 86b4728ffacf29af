import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { dynamoOrderStore } from '../../../../functions/orders/adapters/dynamodb-order-store.js';
import { OrderKind, OrdersTable } from '../../../../functions/orders/adapters/orders-table.js';
import type { Order } from '../../../../functions/orders/domain/order.js';
import { backfillStatusIndex } from '../../../../ops/backfill/status-index.js';
import { createTable, dynamoDbLocalClient } from '../../../support/dynamodb-tables.js';
import { order } from '../../../support/orders/order-store-contract.js';
import { scaled } from '../../../support/time-scale.js';

describe('backfilling the status index', () => {
  it('puts orders written before the index into it, once, and lists them by status', async () => {
    const db = dynamoDbLocalClient();
    const tableName = await createTable(db, OrdersTable);
    const store = dynamoOrderStore(db, tableName);
    // Two orders as the store wrote them before the index existed: no statusShard.
    const old = (orderId: string, status: Order['status'], createdAt: string) =>
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...OrderKind.key(orderId),
            customerPk: 'CUSTOMER#u-1',
            customerSk: `${createdAt}#${orderId}`,
            ...order(orderId, 'u-1', createdAt),
            status,
          },
        }),
      );
    await old('o-1', 'CONFIRMED', '2026-11-22T10:00:00.000Z');
    await old('o-2', 'DELIVERED', '2026-11-22T11:00:00.000Z');
    await store.place(order('o-3', 'u-1', '2026-11-22T12:00:00.000Z'), [], []);
    expect((await store.listByStatus(['CONFIRMED'], { limit: 10 })).items).toEqual([]);

    expect(await backfillStatusIndex(db, tableName)).toEqual({ indexed: 2, movedOn: 0 });
    expect(await backfillStatusIndex(db, tableName)).toEqual({ indexed: 0, movedOn: 0 });
    await vi.waitFor(
      async () => {
        expect((await store.listByStatus(['CONFIRMED'], { limit: 10 })).items.map((o) => o.orderId)).toEqual([
          'o-1',
        ]);
        expect(
          (await store.listByStatus(['PENDING', 'CONFIRMED', 'DELIVERED'], { limit: 10 })).items.map(
            (o) => o.orderId,
          ),
        ).toEqual(['o-3', 'o-2', 'o-1']);
      },
      { timeout: scaled(5_000), interval: 50 },
    );
    expect((await store.get('o-1'))?.revision).toBe(1);
  });
});
