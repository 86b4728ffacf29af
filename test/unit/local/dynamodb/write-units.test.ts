import { describe, expect, it } from 'vitest';
import { itemSize, itemWriteUnits, transactionalWriteUnits } from '../../../../local/dynamodb/write-units.js';

const KEYS = ['pk', 'sk'];
const byCustomer = { keys: ['customerPk', 'customerSk'], projection: 'ALL' as const };
const listed = { keys: ['listPk', 'listSk'], projection: ['subject'] };

describe('itemSize', () => {
  it('counts attribute names and values in bytes', () => {
    expect(itemSize({ pk: { S: 'ORDER#1' }, n: { N: '12345' } })).toBe(2 + 7 + 1 + 4);
    expect(itemSize({ flag: { BOOL: true } })).toBe(5);
    expect(itemSize({ m: { M: { a: { S: 'xy' } } } })).toBe(1 + 3 + 3 + 1);
  });
});

describe('itemWriteUnits', () => {
  it('costs one unit per started KB of the larger image', () => {
    const small = { pk: { S: 'a' }, sk: { S: 'b' } };
    const large = { ...small, text: { S: 'x'.repeat(1500) } };
    expect(itemWriteUnits(undefined, small, KEYS, [])).toBe(1);
    expect(itemWriteUnits(small, large, KEYS, [])).toBe(2);
    expect(itemWriteUnits(large, undefined, KEYS, [])).toBe(2);
  });

  it('adds an index the item is in, and nothing for one it is not in', () => {
    const order = { pk: { S: 'o' }, sk: { S: 'ORDER' }, customerPk: { S: 'c' }, customerSk: { S: 't' } };
    const entry = { pk: { S: 'o' }, sk: { S: 'HISTORY' } };
    expect(itemWriteUnits(undefined, order, KEYS, [byCustomer])).toBe(2);
    expect(itemWriteUnits(undefined, entry, KEYS, [byCustomer])).toBe(1);
  });

  it('costs an index nothing when the change is to an attribute it does not keep', () => {
    const before = {
      pk: { S: 'u' },
      sk: { S: 'n' },
      listPk: { S: 'u' },
      listSk: { S: 't' },
      subject: { S: 's' },
    };
    const after = { ...before, emailedAt: { S: '2026-11-22T00:00:00Z' } };
    expect(itemWriteUnits(before, after, KEYS, [listed])).toBe(1);
    expect(itemWriteUnits(before, after, KEYS, [{ ...listed, projection: 'ALL' }])).toBe(2);
  });

  it('costs an index nothing for an image that lists the same attributes in another order', () => {
    const keysOnly = { ...byCustomer, projection: 'KEYS_ONLY' as const };
    const before = {
      pk: { S: 'o' },
      sk: { S: 'ORDER' },
      customerPk: { S: 'c' },
      customerSk: { S: 't' },
      status: { S: 'PENDING' },
      total: { M: { amount: { N: '1' }, currency: { S: 'USD' } } },
    };
    const after = {
      total: { M: { currency: { S: 'USD' }, amount: { N: '1' } } },
      status: { S: 'CONFIRMED' },
      customerSk: { S: 't' },
      customerPk: { S: 'c' },
      sk: { S: 'ORDER' },
      pk: { S: 'o' },
    };
    expect(itemWriteUnits(before, after, KEYS, [keysOnly])).toBe(1);
    expect(itemWriteUnits(before, { ...after, status: before.status }, KEYS, [byCustomer])).toBe(1);
  });

  it('costs a delete and a put in the index when the index key changes', () => {
    const before = { pk: { S: 'u' }, sk: { S: 'n' }, listPk: { S: 'u' }, listSk: { S: 't1' } };
    const after = { ...before, listSk: { S: 't2' } };
    expect(itemWriteUnits(before, after, KEYS, [listed])).toBe(3);
  });

  it('bills a transaction the table’s part twice and the indexes’ part once', () => {
    const held = { keys: ['holdPartition', 'holdExpiresAt'], projection: 'KEYS_ONLY' as const };
    const reservation = {
      pk: { S: 'RESERVATION#1' },
      sk: { S: 'RESERVATION' },
      holdPartition: { S: 'HELD#3' },
      holdExpiresAt: { S: '2026-11-23T00:15:00Z' },
    };
    const { holdPartition: _partition, holdExpiresAt: _expiry, ...committed } = reservation;
    expect(transactionalWriteUnits(undefined, reservation, KEYS, [held])).toBe(2 + 1);
    expect(transactionalWriteUnits(reservation, committed, KEYS, [held])).toBe(2 + 1);
    expect(transactionalWriteUnits(undefined, committed, KEYS, [held])).toBe(2);
  });
});
