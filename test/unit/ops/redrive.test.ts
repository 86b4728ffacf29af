import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../functions/orders/contracts/vocabulary.js';
import { type DeadLetter, planFor, redrive } from '../../../ops/redrive/redrive.js';
import { findStuckSagas } from '../../../ops/sagas/stuck-sagas.js';

const letter = (body: unknown, attributes: Record<string, string> = {}, id = 'm-1'): DeadLetter => ({
  messageId: id,
  receiptHandle: `r-${id}`,
  body: JSON.stringify(body),
  attributes,
});

const destinationRecord = {
  requestContext: { functionArn: 'arn:aws:lambda:us-east-1:1:function:PrepareShipment:$LATEST' },
  requestPayload: { 'detail-type': 'OrderConfirmed', detail: {} },
};

describe('planning a redrive', () => {
  it('hands a failed asynchronous invocation back to its function, with its payload', () => {
    expect(planFor(letter(destinationRecord))).toEqual({
      messageId: 'm-1',
      action: 'invoke',
      functionArn: 'arn:aws:lambda:us-east-1:1:function:PrepareShipment',
      payload: destinationRecord.requestPayload,
    });
  });

  it('hands an undelivered event to the rule target EventBridge named', () => {
    const event = { source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: {} };
    expect(
      planFor(letter(event, { TARGET_ARN: 'arn:aws:lambda:us-east-1:1:function:StartOrderSaga' })),
    ).toMatchObject({
      action: 'invoke',
      functionArn: 'arn:aws:lambda:us-east-1:1:function:StartOrderSaga',
      payload: event,
    });
  });

  it('leaves an order set aside and anything else it cannot place, saying why', () => {
    expect(planFor(letter({ orderId: 'o-1', executionArn: 'x' }))).toMatchObject({
      action: 'skip',
      why: expect.stringContaining('needs-attention'),
    });
    expect(planFor({ ...letter({}), body: 'not json' })).toMatchObject({ action: 'skip' });
  });
});

describe('redrive', () => {
  const queueOf = (letters: DeadLetter[]) => {
    const deleted: string[] = [];
    const released: string[] = [];
    let served = false;
    return {
      deleted,
      released,
      port: {
        receive: async () => {
          if (served) return [];
          served = true;
          return letters;
        },
        delete: async (message: DeadLetter) => void deleted.push(message.messageId),
        release: async (message: DeadLetter) => void released.push(message.messageId),
      },
    };
  };

  it('invokes and deletes what it can place, and makes the rest visible again', async () => {
    const queue = queueOf([letter(destinationRecord, {}, 'a'), letter({ orderId: 'o-1' }, {}, 'b')]);
    const invoked: string[] = [];
    const report = await redrive(
      queue.port,
      { invokeAsync: async (arn) => void invoked.push(arn) },
      { dryRun: false, max: 10 },
    );
    expect(report).toMatchObject({ redriven: 1, skipped: 1 });
    expect(invoked).toEqual(['arn:aws:lambda:us-east-1:1:function:PrepareShipment']);
    expect(queue.deleted).toEqual(['a']);
    expect(queue.released).toEqual(['b']);
  });

  it('changes nothing in a dry run', async () => {
    const queue = queueOf([letter(destinationRecord, {}, 'a')]);
    const report = await redrive(
      queue.port,
      {
        invokeAsync: async () => {
          throw new Error('must not invoke');
        },
      },
      { dryRun: true, max: 10 },
    );
    expect(report).toMatchObject({ redriven: 0, skipped: 1 });
    expect(queue.deleted).toEqual([]);
    expect(queue.released).toEqual(['a']);
  });
});

describe('findStuckSagas', () => {
  const now = new Date('2026-11-22T12:00:00.000Z');
  const order = (status: OrderStatus, at: string, extra: Record<string, string> = {}) => ({
    orderId: `o-${status}-${at}`,
    userId: 'u-1',
    status,
    createdAt: at,
    updatedAt: at,
    ...extra,
  });

  it('finds orders set aside, PENDING past the budget, and unfinished cancellations — not fresh ones', () => {
    const stuck = findStuckSagas(
      [
        order('NEEDS_ATTENTION', '2026-11-22T11:59:00.000Z'),
        order('PENDING', '2026-11-22T11:50:00.000Z'),
        order('PENDING', '2026-11-22T11:59:30.000Z'),
        order('CONFIRMED', '2026-11-22T11:00:00.000Z', { cancelRequestedAt: '2026-11-22T11:40:00.000Z' }),
        order('CONFIRMED', '2026-11-22T11:00:00.000Z'),
        // A returned parcel's refund and restock that has not finished.
        order('SHIPPED', '2026-11-22T11:00:00.000Z', {
          cancelRequestedAt: '2026-11-22T11:30:00.000Z',
          returnedAt: '2026-11-22T11:30:00.000Z',
        }),
        order('SHIPPED', '2026-11-22T11:00:00.000Z'),
        order('DELIVERED', '2026-11-22T11:00:00.000Z'),
      ],
      now,
      5 * 60_000,
    );
    expect(stuck.map((saga) => [saga.status, saga.why])).toEqual([
      ['NEEDS_ATTENTION', 'NEEDS_ATTENTION'],
      ['PENDING', 'PENDING_TOO_LONG'],
      ['CONFIRMED', 'CANCELLATION_UNFINISHED'],
      ['SHIPPED', 'CANCELLATION_UNFINISHED'],
    ]);
  });
});
