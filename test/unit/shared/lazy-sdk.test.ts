import { describe, expect, it } from 'vitest';
import { onFirstUse } from '../../../functions/shared/lazy-sdk.js';

describe('onFirstUse', () => {
  it('loads nothing until asked, then once for every caller', async () => {
    let loads = 0;
    const client = onFirstUse(async () => ({ id: ++loads }));
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([client(), client()]);
    expect(await client()).toBe(first);
    expect(second).toBe(first);
    expect(loads).toBe(1);
  });

  it('tries again after a failed load instead of keeping the failure', async () => {
    let attempts = 0;
    const client = onFirstUse(async () => {
      attempts++;
      if (attempts === 1) throw new Error('not yet');
      return 'ready';
    });
    await expect(client()).rejects.toThrow('not yet');
    expect(await client()).toBe('ready');
    expect(attempts).toBe(2);
  });
});
