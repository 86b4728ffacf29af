import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { onFirstUse, sdkPackage } from '../../../functions/shared/lazy-sdk.js';

describe('onFirstUse', () => {
  it('makes nothing until asked, then once for every caller', () => {
    let made = 0;
    const client = onFirstUse(() => ({ id: ++made }));
    expect(made).toBe(0);
    const first = client();
    expect(client()).toBe(first);
    expect(made).toBe(1);
  });

  it('tries again after a failure instead of keeping it', () => {
    let attempts = 0;
    const client = onFirstUse(() => {
      attempts++;
      if (attempts === 1) throw new Error('not yet');
      return 'ready';
    });
    expect(() => client()).toThrow('not yet');
    expect(client()).toBe('ready');
    expect(attempts).toBe(2);
  });
});

describe('sdkPackage', () => {
  it('loads an SDK package through require, the same module every time', () => {
    type StepFunctions = typeof import('@aws-sdk/client-sfn');
    const loaded = sdkPackage<StepFunctions>('@aws-sdk/client-sfn');
    expect(typeof loaded.SFNClient).toBe('function');
    expect(sdkPackage<StepFunctions>('@aws-sdk/client-sfn')).toBe(loaded);
    expect(loaded).toBe(createRequire(import.meta.url)('@aws-sdk/client-sfn'));
  });
});
