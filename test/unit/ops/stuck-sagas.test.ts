import { describe, expect, it } from 'vitest';
import { latestExecution } from '../../../ops/sagas/stuck-sagas.js';

describe('the execution npm run sagas looks up for an order', () => {
  const orderId = '0146e52e-8e6a-8082-ac53-3c8ca002733a';

  it('is the saga, named after the order, while no cancellation was started', () => {
    expect(latestExecution({ orderId, status: 'PENDING' })).toEqual({ machine: 'OrderSaga', name: orderId });
  });

  it('is the latest attempt at cancelling it, named as orders names it, once it stalled or its customer asked', () => {
    expect(latestExecution({ orderId, status: 'PENDING', stalls: 2 })).toEqual({
      machine: 'OrderCancellation',
      name: `${orderId}-abandon-2`,
    });
    expect(
      latestExecution({ orderId, status: 'CONFIRMED', cancelRequestedAt: '2026-11-22T10:00:00Z' }),
    ).toEqual({ machine: 'OrderCancellation', name: `${orderId}-cancel-0` });
    expect(
      latestExecution({ orderId, status: 'CONFIRMED', cancelRequestedAt: '2026-11-22T10:00:00Z', stalls: 1 }),
    ).toEqual({ machine: 'OrderCancellation', name: `${orderId}-cancel-1` });
  });
});
