import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitState } from '../../../../functions/payments/domain/circuit-breaker.js';

class Unavailable extends Error {}
class Declined extends Error {}

const setUp = () => {
  let now = 0;
  const changes: string[] = [];
  const breaker = new CircuitBreaker({
    failureThreshold: 3,
    openMs: 1000,
    now: () => now,
    onStateChange: (from: CircuitState, to: CircuitState) => changes.push(`${from}->${to}`),
  });
  const call = (outcome: 'ok' | 'unavailable' | 'declined') =>
    breaker.call(
      async () => {
        if (outcome === 'unavailable') throw new Unavailable();
        if (outcome === 'declined') throw new Declined();
        return 'ok';
      },
      (error) => error instanceof Unavailable,
      () => new Error('open'),
    );
  return {
    breaker,
    call,
    changes,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

describe('CircuitBreaker', () => {
  it('opens after consecutive failures and then fails fast', async () => {
    const { breaker, call, changes } = setUp();
    for (let n = 0; n < 3; n++) await expect(call('unavailable')).rejects.toBeInstanceOf(Unavailable);
    expect(breaker.current).toBe('OPEN');
    await expect(call('ok')).rejects.toThrow('open');
    expect(changes).toEqual(['CLOSED->OPEN']);
  });

  it('does not count answers such as a decline as failures', async () => {
    const { breaker, call } = setUp();
    for (let n = 0; n < 5; n++) await expect(call('declined')).rejects.toBeInstanceOf(Declined);
    expect(breaker.current).toBe('CLOSED');
  });

  it('forgets failures after a success', async () => {
    const { breaker, call } = setUp();
    await expect(call('unavailable')).rejects.toThrow();
    await expect(call('unavailable')).rejects.toThrow();
    await call('ok');
    await expect(call('unavailable')).rejects.toThrow();
    expect(breaker.current).toBe('CLOSED');
  });

  it('lets one probe through when half-open: success closes, failure opens again', async () => {
    const { breaker, call, advance, changes } = setUp();
    for (let n = 0; n < 3; n++) await expect(call('unavailable')).rejects.toThrow();
    advance(1000);
    expect(breaker.current).toBe('HALF_OPEN');
    await expect(call('unavailable')).rejects.toBeInstanceOf(Unavailable);
    expect(breaker.current).toBe('OPEN');
    advance(1000);
    expect(await call('ok')).toBe('ok');
    expect(breaker.current).toBe('CLOSED');
    expect(changes).toEqual([
      'CLOSED->OPEN',
      'OPEN->HALF_OPEN',
      'HALF_OPEN->OPEN',
      'OPEN->HALF_OPEN',
      'HALF_OPEN->CLOSED',
    ]);
  });
});
